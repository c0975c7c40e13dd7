import { render } from "preact";
import "../../ui/theme.css";
import "../../ui/pages.css";
import { OnboardingPage } from "../../onboarding/onboarding-page";

render(<OnboardingPage />, document.getElementById("app")!);
