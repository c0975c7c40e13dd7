import { render } from "preact";
import "../../ui/theme.css";
import "./popup.css";
import { Popup } from "../../popup/popup";

render(<Popup />, document.getElementById("app")!);
