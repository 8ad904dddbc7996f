// The report as one HTML file (Allure 3 single-file mode): reports/ketentest-rapport.html, to attach to a ticket
// and open from disk. `make rapport` makes it beside the multi-file report and removes the analytics script.
export default {
  name: "ketentest – DSO-keten",
  output: "./reports/.rapport-bestand",
  plugins: {
    awesome: {
      options: {
        reportName: "ketentest – DSO-keten",
        reportLanguage: "nl",
        groupBy: ["epic", "feature"],
        singleFile: true,
      },
    },
  },
};
