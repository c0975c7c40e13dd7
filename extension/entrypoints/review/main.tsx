import { render } from "preact";
import "../../ui/theme.css";
import "../../ui/pages.css";
import "./review.css";
import { ReviewPage, readFirstRows } from "../../review/review-page";

// The first rows are read while the page renders its frame.
const firstRows = readFirstRows();
render(<ReviewPage firstRows={firstRows} />, document.getElementById("app")!);
