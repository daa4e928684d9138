/* Start-up pays only for what the command uses (issue 11): the commands
 * that read and match names never load the map module nor the libraries
 * behind it (cairo, Pango, fontconfig, FreeType, HarfBuzz, shapelib, ISA-L),
 * the commands that draw do, and a missing or broken module is one line on
 * stderr and exit status 2.  The dynamic loader says what it loads
 * (LD_DEBUG=libs, on stderr): every "calling init:" line is one library
 * initialised in the process. */
#define _GNU_SOURCE
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Libraries that only drawing needs, and PROJ, which only a --crs and the
 * nearly antipodal distances need (src/util/geodesic.c); any of them in a
 * name-only command's process is the regression this suite is for.  (ISA-L
 * is not among them: the compiled index's checksums use its CRC-32,
 * doc/index.md.  shapelib is apart: the commands that give extents read the
 * polygon layers with it, shapeless_libs below.) */
static const char *const drawing_libs[] = {"gazmap-map.so", "libcairo",    "libpango",
                                           "libfontconfig", "libfreetype", "libharfbuzz",
                                           "libproj",       NULL};

/* What the commands that read no shape do not load either. */
static const char *const shapeless_libs[] = {"libshp", NULL};

/* The first of `libs` that `err` (LD_DEBUG=libs output) shows initialised,
 * or NULL when none is. */
static const char *lib_in(const char *err, const char *const *libs) {
  const char *line;
  size_t i;
  for (line = err; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    const char *end = strchr(line, '\n');
    const char *init = strstr(line, "calling init: ");
    if (!init || (end && init > end)) {
      continue;
    }
    for (i = 0; libs[i]; i++) {
      const char *hit = strstr(init, libs[i]);
      if (hit && (!end || hit < end)) {
        return libs[i];
      }
    }
  }
  return NULL;
}

/* The number of libraries `err` shows initialised. */
static int inits_in(const char *err) {
  int n = 0;
  const char *p;
  for (p = err; p && (p = strstr(p, "calling init: ")); p++) {
    n++;
  }
  return n;
}

/* A text naming two places, for find. */
static char *text_file(void) {
  static const char text[] = "Shelling was reported near Shusha and in Aghdam.\n";
  return tu_write_temp(text, sizeof text - 1, ".txt");
}

/* Runs `args` (after "$GAZMAP ") under LD_DEBUG=libs and returns the drawing
 * library it loaded, or NULL; *status is the exit status. */
static const char *run_traced(const char *args, int *status, char **err) {
  char *cmd = NULL;
  const char *lib;
  ck_assert_int_ge(asprintf(&cmd, "LD_DEBUG=libs \"$GAZMAP\" %s", args), 0);
  *status = tu_run(cmd, NULL, NULL, err);
  free(cmd);
  ck_assert_msg(*err && inits_in(*err) > 1, "LD_DEBUG=libs showed nothing for '%s'", args);
  lib = lib_in(*err, drawing_libs);
  return lib;
}

/* The commands that read and match names, with arguments that make them do
 * their whole work (a query that matches, a text that names places). */
static const char *const name_commands[] = {
    "lookup Shusha",
    "lookup Shusha Lachin Khojavend",
    "near 39.76 46.75",
    "near --within 20 39.76 46.75",
    "list",
    "list --kind town",
    "check",
    "find %s",
    "find --geojson %s",
    "find --json %s",
};

START_TEST(name_commands_load_no_drawing_library) {
  char *text = text_file(), *args = NULL, *err = NULL;
  const char *lib;
  int status;
  ck_assert_ptr_nonnull(text);
  ck_assert_int_ge(asprintf(&args, name_commands[_i], text), 0);
  lib = run_traced(args, &status, &err);
  ck_assert_msg(status == 0, "'gazmap %s' exited %d: %s", args, status, err);
  ck_assert_msg(!lib, "'gazmap %s' loaded %s", args, lib);
  lib = lib_in(err, shapeless_libs);
  ck_assert_msg(!lib, "'gazmap %s' loaded %s", args, lib);
  unlink(text);
  free(text);
  free(args);
  free(err);
}
END_TEST

/* The JSON of places gives each its extent (its shape's box, its members'
 * box).  The compiled bundled gazetteer holds them; from the TSV files the
 * core reads the polygon layers with shapelib alone
 * (src/gazetteer/extents.c).  Either way: no map module, no cairo, no PROJ,
 * and the extents are there. */
static const char *const extent_commands[] = {
    "lookup --json Shusha",        "lookup --json Aghdam Armenia", "list --json",
    "list --json --kind district", "near --json 39.76 46.75",      "near --json -k 3 40.0 46.9",
};

/* `env` then "$GAZMAP" and the command of extent_commands[i], traced. */
static void check_extent_command(size_t i, const char *env, int shapelib_allowed) {
  char *cmd = NULL, *out = NULL, *err = NULL;
  const char *lib;
  int status;
  ck_assert_int_ge(asprintf(&cmd, "%s LD_DEBUG=libs \"$GAZMAP\" %s", env, extent_commands[i]), 0);
  status = tu_run(cmd, NULL, NULL, &err);
  ck_assert_msg(status == 0 && err && inits_in(err) > 1, "'%s' exited %d: %s", cmd, status, err);
  lib = lib_in(err, drawing_libs);
  ck_assert_msg(!lib, "'%s' loaded %s", cmd, lib);
  lib = lib_in(err, shapeless_libs);
  ck_assert_msg(shapelib_allowed || !lib, "'%s' loaded %s", cmd, lib);
  free(cmd);
  free(err);
  ck_assert_int_ge(asprintf(&cmd, "%s \"$GAZMAP\" %s", env, extent_commands[i]), 0);
  ck_assert_int_eq(tu_run(cmd, NULL, &out, &err), 0);
  ck_assert_msg(out && strstr(out, "\"extent\": [\n"), "'%s' gave no extent: %.300s", cmd, out);
  free(cmd);
  free(out);
  free(err);
}

/* From the compiled bundled gazetteer, not even shapelib. */
START_TEST(extents_from_the_index_load_no_shapelib) {
  check_extent_command((size_t)_i, "", 0);
}
END_TEST

START_TEST(extents_from_the_tsv_load_no_drawing_library) {
  check_extent_command((size_t)_i, "GAZMAP_NO_BUNDLED_INDEX=1", 1);
}
END_TEST

/* A lookup and a list call no ICU function (the folding table is built at
 * build time), nor does near's table of ASCII names (src/cli/table.c), so
 * they do not load ICU nor the C++ runtime it needs. */
static const char *const icu_free_commands[] = {"lookup Shusha", "lookup Şuşa Шуша", "list",
                                                "near 39.76 46.75 -k 3"};

START_TEST(lookup_loads_no_icu) {
  char *err = NULL;
  int status;
  (void)run_traced(icu_free_commands[_i], &status, &err);
  ck_assert_msg(status == 0, "'gazmap %s' exited %d: %s", icu_free_commands[_i], status, err);
  /* Under ASan and UBSan, the sanitizers' runtime brings libstdc++ itself. */
  ck_assert_msg(!strstr(err, "libicuuc") && (!strstr(err, "libstdc++") || strstr(err, "libubsan") ||
                                             strstr(err, "libasan")),
                "'gazmap %s' loaded ICU or libstdc++", icu_free_commands[_i]);
  free(err);
}
END_TEST

/* The control: the commands that draw load the module and cairo, so the
 * check above can see a drawing library when one is loaded. */
static const char *const drawing_commands[] = {
    "render --width 640 --height 480 -o %s/m.png",
    "export --layer lakes -o %s/lakes.geojson",
    "report -o %s/r.html %s",
    "find --render %s/f.svg %s",
};

START_TEST(drawing_commands_load_the_module) {
  char *dir = tu_temp_dir(), *text = text_file(), *args = NULL, *err = NULL;
  const char *lib;
  int status;
  ck_assert_ptr_nonnull(dir);
  ck_assert_ptr_nonnull(text);
  ck_assert_int_ge(asprintf(&args, drawing_commands[_i], dir, text), 0);
  lib = run_traced(args, &status, &err);
  ck_assert_msg(status == 0, "'gazmap %s' exited %d: %s", args, status, err);
  ck_assert_msg(lib && strstr(err, "gazmap-map.so") && strstr(err, "libcairo"),
                "'gazmap %s' did not load the map module and cairo", args);
  unlink(text);
  free(text);
  free(args);
  free(err);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

/* The control of "libproj" above: a --crs that gazmap does not compute
 * itself loads PROJ, and the check sees it. */
START_TEST(crs_loads_proj) {
  char *dir = tu_temp_dir(), *args = NULL, *err = NULL;
  const char *lib;
  int status;
  ck_assert_ptr_nonnull(dir);
  ck_assert_int_ge(
      asprintf(&args, "render --crs EPSG:32638 --width 640 --height 480 -o %s/m.png", dir), 0);
  lib = run_traced(args, &status, &err);
  ck_assert_msg(status == 0, "'gazmap %s' exited %d: %s", args, status, err);
  ck_assert_msg(lib && strstr(err, "libproj"), "'gazmap %s' did not load PROJ", args);
  free(args);
  free(err);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

/* A copy of the executable in DIR/bin, where DIR/lib/gazmap holds no module
 * or `module` (`len` bytes) when it is not NULL.  Returns DIR (caller
 * removes and frees). */
static char *install_copy(const char *module, size_t len) {
  char *dir = tu_temp_dir(), *cmd = NULL, *path = NULL;
  FILE *f;
  ck_assert_ptr_nonnull(dir);
  ck_assert_int_ge(asprintf(&cmd, "mkdir -p '%s/bin' '%s/lib/gazmap' && cp \"$GAZMAP\" '%s/bin/'",
                            dir, dir, dir),
                   0);
  ck_assert_int_eq(tu_run(cmd, NULL, NULL, NULL), 0);
  free(cmd);
  ck_assert_int_ge(asprintf(&cmd, "echo 'Shelling near Shusha.' >'%s/t.txt'", dir), 0);
  ck_assert_int_eq(tu_run(cmd, NULL, NULL, NULL), 0);
  free(cmd);
  if (module) {
    ck_assert_int_ge(asprintf(&path, "%s/lib/gazmap/gazmap-map.so", dir), 0);
    ck_assert_ptr_nonnull(f = fopen(path, "wb"));
    ck_assert_uint_eq(fwrite(module, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(path);
  }
  return dir;
}

/* Runs "DIR/bin/gazmap ARGS" (ARGS may hold one %s for DIR) and returns
 * the exit status; *err is its stderr. */
static int run_copy(const char *dir, const char *args, char **err) {
  char *cmd = NULL, *full = NULL;
  int status;
  ck_assert_int_ge(asprintf(&cmd, args, dir, dir), 0);
  ck_assert_int_ge(asprintf(&full, "'%s/bin/gazmap' %s", dir, cmd), 0);
  status = tu_run(full, NULL, NULL, err);
  free(cmd);
  free(full);
  return status;
}

/* The drawing commands without their module: each says so in one line
 * naming the module's path, exits 2, and writes nothing. */
static const char *const module_commands[] = {
    "render -o %s/m.png",
    "render --help",
    "export --layer lakes -o %s/m.png",
    "report -o %s/m.png %s/t.txt",
    "find --render %s/m.png %s/t.txt",
};

static void check_refused(const char *module, size_t len, const char *reason) {
  char *dir = install_copy(module, len), *err = NULL, *want = NULL, *out = NULL;
  struct stat st;
  int status;
  size_t i;
  for (i = 0; i < sizeof module_commands / sizeof *module_commands; i++) {
    free(err);
    status = run_copy(dir, module_commands[i], &err);
    ck_assert_int_ge(
        asprintf(&want, "cannot load the map module %s/lib/gazmap/gazmap-map.so: ", dir), 0);
    ck_assert_msg(status == 2, "'%s' without a module exited %d", module_commands[i], status);
    ck_assert_msg(err && strstr(err, want) && strstr(err, reason),
                  "'%s': stderr lacks \"%s...%s\": %s", module_commands[i], want, reason, err);
    ck_assert_int_eq(tu_count_lines(err), 1);
    ck_assert_int_ge(asprintf(&out, "%s/m.png", dir), 0);
    ck_assert_msg(stat(out, &st) != 0, "'%s' left %s", module_commands[i], out);
    free(want);
    free(out);
  }
  /* What does not draw works without the module, extents included. */
  free(err);
  ck_assert_int_eq(run_copy(dir, "lookup Shusha", &err), 0);
  free(err);
  ck_assert_int_ge(asprintf(&want, "'%s/bin/gazmap' lookup --json Shusha", dir), 0);
  ck_assert_int_eq(tu_run(want, NULL, &out, &err), 0);
  ck_assert_msg(out && strstr(out, "\"extent\": [\n"), "no extent without the module: %.300s", out);
  free(want);
  free(out);
  free(err);
  tu_remove_tree(dir);
  free(dir);
}

START_TEST(missing_module_is_one_line) {
  check_refused(NULL, 0, "No such file or directory");
}
END_TEST

/* A module cut short, as an interrupted copy or a full disk leaves it:
 * nothing, less than its ELF header, its first page, half, all but its
 * last byte.  (dlopen() alone would map the missing part and die of SIGBUS
 * at the first touch.)  Negative sizes count from the end. */
static const long cuts[] = {0, 40, 4096, -2, -1};

START_TEST(broken_module_is_one_line) {
  char path[4096];
  size_t len, cut;
  char *module, *slash;
  snprintf(path, sizeof path, "%s", getenv("GAZMAP_BIN"));
  ck_assert_ptr_nonnull(slash = strrchr(path, '/'));
  snprintf(slash, sizeof path - (size_t)(slash - path), "/../lib/gazmap/gazmap-map.so");
  ck_assert_ptr_nonnull(module = tu_read_file(path, &len));
  ck_assert_uint_gt(len, 8192);
  cut = cuts[_i] >= 0 ? (size_t)cuts[_i] : cuts[_i] == -2 ? len / 2 : len - 1;
  check_refused(module, cut, cut < 64 ? "not a shared object of this machine" : "cut short");
  free(module);
}
END_TEST

int main(void) {
  Suite *s = suite_create("startup");
  TCase *tc = tcase_create("libraries");
  tcase_set_timeout(tc, 120);
  tcase_add_loop_test(tc, name_commands_load_no_drawing_library, 0,
                      (int)(sizeof name_commands / sizeof *name_commands));
  tcase_add_loop_test(tc, extents_from_the_index_load_no_shapelib, 0,
                      (int)(sizeof extent_commands / sizeof *extent_commands));
  tcase_add_loop_test(tc, extents_from_the_tsv_load_no_drawing_library, 0,
                      (int)(sizeof extent_commands / sizeof *extent_commands));
  tcase_add_test(tc, crs_loads_proj);
  tcase_add_loop_test(tc, lookup_loads_no_icu, 0,
                      (int)(sizeof icu_free_commands / sizeof *icu_free_commands));
  tcase_add_loop_test(tc, drawing_commands_load_the_module, 0,
                      (int)(sizeof drawing_commands / sizeof *drawing_commands));
  tcase_add_test(tc, missing_module_is_one_line);
  tcase_add_loop_test(tc, broken_module_is_one_line, 0, (int)(sizeof cuts / sizeof *cuts));
  suite_add_tcase(s, tc);
  return tu_run_suite(s) ? 1 : 0;
}
