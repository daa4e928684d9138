/* gen_fold_table - writes fold_table.inc, the folding table of the code
 * points src/text/fold.c folds eagerly, computed with the ICU the build
 * links (see fold.c).  The build runs it; usage: gen_fold_table OUT.inc */
#include <stdio.h>
#include <unicode/uversion.h>

int gz_fold_table_write(FILE *out, const char *icu_version);

int main(int argc, char **argv) {
  char version[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo v;
  FILE *out;
  int rc;
  if (argc != 2) {
    fprintf(stderr, "usage: gen_fold_table OUT.inc\n");
    return 2;
  }
  u_getVersion(v);
  u_versionToString(v, version);
  if (!(out = fopen(argv[1], "w"))) {
    perror(argv[1]);
    return 2;
  }
  rc = gz_fold_table_write(out, version);
  if (fclose(out) != 0 || rc < 0) {
    fprintf(stderr, "gen_fold_table: cannot write %s\n", argv[1]);
    remove(argv[1]);
    return 2;
  }
  return 0;
}
