/* The registered languages, one line each, in registry order (the order of
 * the languages in match explanations: "a Turkish/Azerbaijani case
 * suffix").  Each GZ_LANG(code) names `const gz_lang gz_lang_<code>` in
 * src/text/lang/<code>.c.  Included twice by lang.c; no include guard. */
GZ_LANG(en)
GZ_LANG(tr)
GZ_LANG(az)
GZ_LANG(ru)
GZ_LANG(hy)
GZ_LANG(ka)
