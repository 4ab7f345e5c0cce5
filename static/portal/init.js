// GOV.UK Frontend components (data-module="govuk-...") on every page, from our
// own static files: never a CDN, never inline script (see the CSP in
// portal/settings/security.py). A module script, so it runs only in browsers
// GOV.UK Frontend supports, after the document is parsed.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
