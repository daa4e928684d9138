/* The bundled gazetteer is the region's: gazetteer.tsv and every region/
 * *.tsv of the data directory, loaded (and checked) as one set, in byte
 * order of the file names. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "testutil.h"

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ends_with(const char *s, const char *end) {
  size_t n = strlen(s), m = strlen(end);
  return n >= m && !strcmp(s + n - m, end);
}

/* The files of the build tree's data directory are gazetteer.tsv and the
 * copies of data/region/ *.tsv, all of them, sorted. */
START_TEST(bundled_files_are_the_region_set) {
  char pattern[4096], **paths = NULL;
  size_t n = 0, i;
  glob_t gl;
  snprintf(pattern, sizeof pattern, "%s/../data/region/*.tsv", tu_test_path("."));
  ck_assert_int_eq(glob(pattern, 0, NULL, &gl), 0);
  ck_assert_int_eq(gazmap_gazetteer_bundled_files(&paths, &n), 0);
  ck_assert_uint_eq(n, 1 + gl.gl_pathc);
  ck_assert_msg(ends_with(paths[0], "/gazetteer.tsv"), "first file %s", paths[0]);
  for (i = 1; i < n; i++) {
    const char *base = strrchr(gl.gl_pathv[i - 1], '/') + 1;
    ck_assert_msg(strstr(paths[i], "/region/") && ends_with(paths[i], base),
                  "file %zu is %s, expected region/%s", i, paths[i], base);
  }
  gazmap_gazetteer_files_free(paths, n);
  globfree(&gl);
}
END_TEST

/* open(NULL) loads that set: a village of the region files is a place, and
 * the count is the set's. */
START_TEST(open_null_loads_the_set) {
  char **paths = NULL;
  size_t n = 0;
  gazmap_gazetteer *g = NULL, *set = NULL;
  ck_assert_int_eq(gazmap_gazetteer_bundled_files(&paths, &n), 0);
  ck_assert_int_eq(gazmap_gazetteer_open(&g, NULL), 0);
  ck_assert_int_eq(gazmap_gazetteer_open_set(&set, (const char *const *)paths, n), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), gazmap_gazetteer_count(set));
  ck_assert_uint_gt(gazmap_gazetteer_count(g), 700);
  ck_assert_ptr_nonnull(gazmap_gazetteer_find_id(g, "voskepar"));
  ck_assert_ptr_nonnull(gazmap_gazetteer_find_id(g, "shusha"));
  gazmap_gazetteer_free(g);
  gazmap_gazetteer_free(set);
  gazmap_gazetteer_files_free(paths, n);
}
END_TEST

static void count_problem(void *ud, const char *file, unsigned long line, const char *message) {
  (void)file;
  (void)line;
  (void)message;
  ++*(int *)ud;
}

START_TEST(check_null_checks_the_set) {
  int problems = 0;
  ck_assert_int_eq(gazmap_gazetteer_check(NULL, count_problem, &problems), 0);
  ck_assert_int_eq(problems, 0);
}
END_TEST

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

#define HEADER                                                                                     \
  "id\tname\tkind\tlat\tlon\tcountry\tdistrict\tpopulation\tgeonames_id\tcoord_source\tnames\t"    \
  "tags\tnote\n"

/* A data directory of our own (each test runs in its own process, so the
 * data directory, resolved once, is this one): region files in byte order,
 * hidden files and other extensions left out; a region row may sit in a
 * district of gazetteer.tsv. */
START_TEST(own_data_dir_sorted_and_filtered) {
  char dir[] = "/tmp/gazmap-bundled-XXXXXX", path[4096], **paths = NULL;
  size_t n = 0;
  gazmap_gazetteer *g = NULL;
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/gazetteer.tsv", dir);
  write_file(path,
             HEADER "d\tD District\tdistrict\t40\t46\tAZ\t\t\t\tmanual\ten:D District\t\tn\n");
  snprintf(path, sizeof path, "%s/region", dir);
  ck_assert_int_eq(mkdir(path, 0700), 0);
  snprintf(path, sizeof path, "%s/region/b.tsv", dir);
  write_file(path, HEADER "vb\tVb\tvillage\t40.1\t46.1\tAZ\td\t\t\tmanual\ten:Vb\t\tn\n");
  snprintf(path, sizeof path, "%s/region/a.tsv", dir);
  write_file(path, HEADER "va\tVa\tvillage\t40.2\t46.2\tAZ\td\t\t\tmanual\ten:Va\t\tn\n");
  snprintf(path, sizeof path, "%s/region/.a.tsv.swp.tsv", dir);
  write_file(path, "not a gazetteer\n");
  snprintf(path, sizeof path, "%s/region/README.md", dir);
  write_file(path, "not a gazetteer\n");
  setenv("GAZMAP_DATA_DIR", dir, 1);

  ck_assert_int_eq(gazmap_gazetteer_bundled_files(&paths, &n), 0);
  ck_assert_uint_eq(n, 3);
  ck_assert(ends_with(paths[0], "/gazetteer.tsv"));
  ck_assert(ends_with(paths[1], "/region/a.tsv"));
  ck_assert(ends_with(paths[2], "/region/b.tsv"));
  gazmap_gazetteer_files_free(paths, n);
  ck_assert_int_eq(gazmap_gazetteer_open(&g, NULL), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 3);
  ck_assert_str_eq(gazmap_place_id(gazmap_gazetteer_at(g, 1)), "va");
  gazmap_gazetteer_free(g);

  /* Without region/ the data directory is gazetteer.tsv alone. */
  snprintf(path, sizeof path, "rm -rf '%s/region'", dir);
  ck_assert_int_eq(system(path), 0);
  ck_assert_int_eq(gazmap_gazetteer_bundled_files(&paths, &n), 0);
  ck_assert_uint_eq(n, 1);
  gazmap_gazetteer_files_free(paths, n);
  ck_assert_int_eq(gazmap_gazetteer_open(&g, NULL), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 1);
  gazmap_gazetteer_free(g);
  snprintf(path, sizeof path, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(path), 0);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(bundled_files_are_the_region_set), TU_TEST(open_null_loads_the_set),
                     TU_TEST(check_null_checks_the_set), TU_TEST(own_data_dir_sorted_and_filtered)};
  return tu_main_tests("bundled", 60, TU_TESTS(tests));
}
