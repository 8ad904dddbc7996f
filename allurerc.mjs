// Allure 3 report settings for `make rapport` (offline, npm package "allure").
export default {
  name: "ketentest – DSO-keten",
  output: "./reports/allure-report",
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
