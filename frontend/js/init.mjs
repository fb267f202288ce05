import { initAll as initGovuk } from "./govuk-frontend.min.js";
import { initAll as initMoj } from "./moj-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.mjs";
import { initReveals } from "./reveals.mjs";
import { initWideTables } from "./wide-tables.mjs";

initGovuk();
initMoj();
initTimeoutWarning(document.body);
initWideTables(document);
initReveals(document);
