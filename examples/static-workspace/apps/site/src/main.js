import { banner } from "@static-workspace/ui";

document.getElementById("app").dataset.banner = banner;
