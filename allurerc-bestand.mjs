// The report as one HTML file (Allure 3 single-file mode): reports/ketentest-rapport.html, to attach to a ticket
// and open from disk. `make rapport` makes it beside the multi-file report and removes the analytics script.
import basis from "./allurerc.mjs";

export default {
  ...basis,
  output: "./reports/.rapport-bestand",
  plugins: {
    awesome: { options: { ...basis.plugins.awesome.options, singleFile: true } },
  },
};
