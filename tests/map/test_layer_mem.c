/* Shapefiles in memory (map/layer_internal.h: gz_layer_read_mem,
 * gz_layer_write_shp_mem), the path the layer fuzzer takes: it must read
 * what the file reader reads, refuse what it refuses with the same message,
 * and write the bytes the file writer writes.  Also a layer with no
 * attribute fields, which the writer once wrote as a shapefile gazmap
 * itself refused (found by fuzz_layer). */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "map/layer_internal.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bundled[] = {"handover", "routes", "sites", "patrols", "lakes"};
static const char *const exts[GZ_SHP_MEM_N] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

/* The bundled shapefile `name` as a memory set; *bytes holds what the set
 * borrows (free each, then the array). */
static void load_bundled(const char *name, gz_shp_mem *set, char ***bytes) {
  char *dir = gazmap_data_path("shapes"), *path = NULL;
  int i;
  ck_assert_ptr_nonnull(dir);
  *bytes = calloc(GZ_SHP_MEM_N, sizeof **bytes);
  for (i = 0; i < GZ_SHP_MEM_SHP + 3; i++) {
    size_t len = 0;
    ck_assert(asprintf(&path, "%s/%s%s", dir, name, exts[i]) > 0);
    ck_assert_msg(((*bytes)[i] = tu_read_file(path, &len)) != NULL, "cannot read %s", path);
    gz_shp_mem_set(set, i, (*bytes)[i], len);
    free(path);
  }
  free(dir);
}

static void free_bytes(char **bytes) {
  int i;
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    free(bytes[i]);
  }
  free(bytes);
}

/* Features, fields, attributes and vertices of `a` and `b` are the same. */
static void assert_same(const gazmap_layer *a, const gazmap_layer *b) {
  size_t i, f, p, na, nb;
  ck_assert_int_eq(gazmap_layer_geom(a), gazmap_layer_geom(b));
  ck_assert_uint_eq(gazmap_layer_count(a), gazmap_layer_count(b));
  ck_assert_uint_eq(gazmap_layer_field_count(a), gazmap_layer_field_count(b));
  for (i = 0; i < gazmap_layer_count(a); i++) {
    for (f = 0; f < gazmap_layer_field_count(a); f++) {
      const char *name = gazmap_layer_field_name(a, f);
      ck_assert_str_eq(gazmap_layer_attr(a, i, name), gazmap_layer_attr(b, i, name));
    }
    ck_assert_uint_eq(gazmap_layer_parts(a, i), gazmap_layer_parts(b, i));
    for (p = 0; p < gazmap_layer_parts(a, i); p++) {
      const double *xa = gazmap_layer_part(a, i, p, &na), *xb = gazmap_layer_part(b, i, p, &nb);
      ck_assert_uint_eq(na, nb);
      ck_assert(!memcmp(xa, xb, na * 2 * sizeof *xa));
    }
  }
}

START_TEST(memory_reads_what_the_file_reader_reads) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *from_file = NULL, *from_mem = NULL;
  char **bytes;
  load_bundled(bundled[_i], &set, &bytes);
  ck_assert_int_eq(gazmap_layer_open(&from_file, NULL, bundled[_i], NULL), 0);
  ck_assert_msg(gz_layer_read_mem(&from_mem, bundled[_i], &set) == 0, "%s: %s", bundled[_i],
                gazmap_error_last()->message);
  ck_assert_str_eq(gazmap_layer_name(from_mem), bundled[_i]);
  assert_same(from_file, from_mem);
  gazmap_layer_free(from_file);
  gazmap_layer_free(from_mem);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
}
END_TEST

/* Damage done to the routes shapefile, on disk and in memory alike. */
static const struct {
  const char *what;
  int file;    /* GZ_SHP_MEM_* */
  long cut;    /* bytes removed from the end; -1: the file is absent */
  const char *message;
} damages[] = {
    {".dbf two bytes short (its end mark is optional)", GZ_SHP_MEM_DBF, 2, ".dbf truncated"},
    {".shx one entry short", GZ_SHP_MEM_SHX, 8, ".shx: header says"},
    {".shp one byte short", GZ_SHP_MEM_SHP, 1, "header says"},
    {"no .shx", GZ_SHP_MEM_SHX, -1, ".shx: cannot open"},
    {"no .dbf", GZ_SHP_MEM_DBF, -1, ".dbf: cannot open"},
};

START_TEST(memory_refuses_what_the_file_reader_refuses) {
  gz_shp_mem set = GZ_SHP_MEM_INIT, absent = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL;
  char **bytes, *dir = tu_temp_dir(), *path = NULL, *file_msg;
  int i, file_rc, mem_rc;
  load_bundled("routes", &set, &bytes);
  if (damages[_i].cut < 0) {
    set.file[damages[_i].file] = absent.file[0];
  } else {
    set.file[damages[_i].file].len -= (size_t)damages[_i].cut;
  }
  for (i = 0; i < GZ_SHP_MEM_SHP + 3; i++) {
    FILE *f;
    ck_assert(asprintf(&path, "%s/routes%s", dir, exts[i]) > 0);
    if (set.file[i].present) {
      ck_assert_ptr_nonnull(f = fopen(path, "wb"));
      ck_assert_uint_eq(fwrite(set.file[i].data, 1, set.file[i].len, f), set.file[i].len);
      ck_assert_int_eq(fclose(f), 0);
    }
    free(path);
  }
  file_rc = gazmap_layer_open(&l, dir, "routes", NULL);
  ck_assert_ptr_null(l);
  file_msg = strdup(gazmap_error_last()->message);
  mem_rc = gz_layer_read_mem(&l, "routes", &set);
  ck_assert_ptr_null(l);
  ck_assert_int_eq(mem_rc, GAZMAP_EPARSE);
  ck_assert_int_eq(mem_rc, file_rc);
  ck_assert_str_eq(gazmap_error_last()->file, "routes.shp");
  ck_assert_str_eq(gazmap_error_last()->message, file_msg);
  ck_assert_msg(strstr(file_msg, damages[_i].message) != NULL, "%s: %s", damages[_i].what,
                file_msg);
  free(file_msg);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

START_TEST(memory_writes_the_bytes_the_file_writer_writes) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL;
  char *dir = tu_temp_dir(), *path = NULL;
  int i;
  ck_assert_int_eq(gazmap_layer_open(&l, NULL, bundled[_i], NULL), 0);
  ck_assert(asprintf(&path, "%s/copy.shp", dir) > 0);
  ck_assert_int_eq(gazmap_layer_write_shp(l, path), 0);
  free(path);
  ck_assert_msg(gz_layer_write_shp_mem(l, "copy", &set) == 0, "%s", gazmap_error_last()->message);
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    size_t len = 0;
    char *want;
    ck_assert(asprintf(&path, "%s/copy%s", dir, exts[i]) > 0);
    want = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(want);
    ck_assert_msg(set.file[i].present && set.file[i].len == len &&
                      !memcmp(set.file[i].data, want, len),
                  "%s%s: %zu bytes in memory, %zu on disk, or not the same", bundled[_i],
                  exts[i], set.file[i].len, len);
    free(want);
    free(path);
  }
  gazmap_layer_free(l);
  gz_shp_mem_clear(&set);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

/* The sites shapefile with a .dbf of no fields: a 33-byte header (one
 * terminator byte after it) and one 1-byte record, its deletion flag, per
 * point.  shapelib reads it; gazmap reads it as a layer with no fields. */
START_TEST(layer_without_fields_writes_a_shapefile_that_reads_back) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL, *back = NULL;
  char **bytes, *dir = tu_temp_dir(), *path = NULL, *dbf;
  size_t n, i;
  load_bundled("sites", &set, &bytes);
  n = (set.file[GZ_SHP_MEM_SHX].len - 100) / 8;
  dbf = calloc(1, 33 + n);
  dbf[0] = 3;
  dbf[4] = (char)(n & 0xff);
  dbf[5] = (char)(n >> 8);
  dbf[8] = 33;
  dbf[10] = 1;
  dbf[32] = 0x0d;
  memset(dbf + 33, ' ', n);
  gz_shp_mem_set(&set, GZ_SHP_MEM_DBF, dbf, 33 + n);
  ck_assert_msg(gz_layer_read_mem(&l, "bare", &set) == 0, "%s", gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_layer_field_count(l), 0);
  ck_assert_uint_eq(gazmap_layer_count(l), n);
  ck_assert(asprintf(&path, "%s/bare.shp", dir) > 0);
  ck_assert_msg(gazmap_layer_write_shp(l, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_msg(gazmap_layer_read(&back, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_layer_count(back), n);
  ck_assert_uint_eq(gazmap_layer_field_count(back), 1);
  ck_assert_str_eq(gazmap_layer_field_name(back, 0), "FID");
  for (i = 0; i < n; i++) {
    char want[24];
    snprintf(want, sizeof want, "%zu", i);
    ck_assert_str_eq(gazmap_layer_attr(back, i, "FID"), want);
  }
  gazmap_layer_free(l);
  gazmap_layer_free(back);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
  free(dbf);
  free(path);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

int main(void) {
  const tu_test tests[] = {
      TU_ROWS(memory_reads_what_the_file_reader_reads, bundled),
      TU_ROWS(memory_refuses_what_the_file_reader_refuses, damages),
      TU_ROWS(memory_writes_the_bytes_the_file_writer_writes, bundled),
      TU_TEST(layer_without_fields_writes_a_shapefile_that_reads_back),
  };
  return tu_main_tests("layer_mem", 0, TU_TESTS(tests));
}
