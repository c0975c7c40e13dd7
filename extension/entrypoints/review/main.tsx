import { render } from "preact";
import "../../ui/theme.css";
import "../../ui/pages.css";
import "./review.css";
import { ReviewPage } from "../../review/review-page";

render(<ReviewPage />, document.getElementById("app")!);
