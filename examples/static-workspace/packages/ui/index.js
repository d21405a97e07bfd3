export const banner = "banner from the shared ui package";
