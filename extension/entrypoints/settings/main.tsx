import { render } from "preact";
import "../../ui/theme.css";
import "../../ui/pages.css";
import { SettingsPage } from "../../settings-page/settings-page";

render(<SettingsPage />, document.getElementById("app")!);
