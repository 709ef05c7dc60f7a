/**
 * The page's entry. The store starts the compiler worker and asks for the first analysis
 * at once; the editor and the page, most of the site's bytes, load meanwhile beside it.
 */
import "./store.js";

void import("./page.js");
