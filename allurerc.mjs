// Allure 3 report settings for `make rapport` (offline, npm package "allure").
export default {
  name: "ketentest – DSO-keten",
  output: "./reports/allure-report",
  // Categories in Dutch: a finding per code (the label "bevinding" that chain_tests.reporting.nabewerking adds),
  // and everything broken (a crash of ketentest or a mock, a wrong configuration) apart; never per message (a
  // message carries the verzoeknummer: one category per finding).
  categories: {
    rules: [
      { name: "Bevindingen", matchers: { statuses: ["failed"] }, groupBy: [{ label: "bevinding" }], groupByMessage: false },
      { name: "Gebroken: ketentest of mock", matchers: { statuses: ["broken"] }, groupByMessage: false },
    ],
  },
  plugins: {
    awesome: {
      options: {
        reportName: "ketentest – DSO-keten",
        reportLanguage: "nl",
        groupBy: ["epic", "feature"],
      },
    },
  },
};
