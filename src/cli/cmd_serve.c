/* gazmap serve - a Nominatim- and Photon-compatible HTTP API over the
 * gazetteer, with gazmap's own /find and /render (src/cli/serve/). */
#define _GNU_SOURCE
#include "cli.h"
#include "serve/serve.h"

#include <string.h>

#define CMD "serve"

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'l', 'l', "listen", "HOST:PORT",
     "address to listen on (default 127.0.0.1:8080, reachable from this machine only; port 0 "
     "picks a free one)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_VALUE, 'C', 0, "cors", "ORIGIN",
     "send CORS headers allowing ORIGIN (https://example.org, or *); none by default"},
    {CLI_OPT_VALUE, 'a', 0, "access-log", "FILE",
     "append one line per request to FILE (- for standard error)"},
    {CLI_OPT_VALUE, 't', 0, "threads", "N",
     "worker threads, each with its own gazetteer (default 2)"},
    {CLI_OPT_VALUE, 'm', 0, "max-connections", "N", "connections served at once (default 256)"},
    {CLI_OPT_VALUE, 'T', 0, "timeout", "SECONDS",
     "close a connection idle this long, such as a client sending slowly (default 10)"},
    {CLI_OPT_VALUE, 'b', 0, "max-body", "BYTES",
     "largest request body, POST /find (default 1048576)"},
    {CLI_OPT_VALUE, 'd', 0, "drain", "SECONDS",
     "on SIGTERM, how long requests in flight may take to finish (default 10)"},
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_serve = {
    .name = CMD,
    .summary = "serve a Nominatim- and Photon-compatible HTTP API",
    .usage = "[OPTIONS]",
    .description =
        "Answers HTTP requests until SIGTERM or SIGINT: Nominatim's /search, /reverse (with\n"
        "format=) and /status; Photon's /api and /reverse (without format=; also under\n"
        "/photon/); POST /find (the mentions of the text in the body, as find --json gives\n"
        "them) and /render (the map as PNG or SVG, render's options as parameters).\n"
        "Read-only and stateless.  Prints the address it listens on once it is ready.\n",
    .opts = options,
    .notes = "Every parameter is checked: invalid UTF-8, over-long values, unknown or repeated\n"
             "parameters and malformed numbers get 400 with a JSON error.  On SIGTERM the\n"
             "server stops accepting connections and lets requests in flight finish.\n"
             "doc/serve.md describes every endpoint.\n",
    .run = run};

/* An origin for Access-Control-Allow-Origin: "*" or scheme://host[:port],
 * nothing that could break the header. */
static int origin_ok(const char *s) {
  const char *rest;
  if (!strcmp(s, "*")) {
    return 1;
  }
  if (!strncmp(s, "http://", 7)) {
    rest = s + 7;
  } else if (!strncmp(s, "https://", 8)) {
    rest = s + 8;
  } else {
    return 0;
  }
  return *rest && strlen(s) < 256 &&
         strspn(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
             strlen(rest);
}

static int run(int argc, char **argv) {
  serve_config cfg = SERVE_CONFIG_INIT;
  cli_opt_parser op;
  long v;
  int opt;

  cli_opt_init(&op, &cli_cmd_serve, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'l':
      cfg.listen = optarg;
      break;
    case 'C':
      if (!origin_ok(optarg)) {
        /* Not quoted back: the value may hold the line breaks it is refused for. */
        return cli_usage(CMD, "--cors takes * or one origin such as https://example.org");
      }
      cfg.cors = optarg;
      break;
    case 'a':
      cfg.access_log = optarg;
      break;
    case 't':
      if (cli_parse_long(CMD, "--threads", optarg, 1, 64, &v)) {
        return CLI_EXIT_ERROR;
      }
      cfg.threads = (unsigned)v;
      break;
    case 'm':
      if (cli_parse_long(CMD, "--max-connections", optarg, 1, 10000, &v)) {
        return CLI_EXIT_ERROR;
      }
      cfg.max_connections = (unsigned)v;
      break;
    case 'T':
      if (cli_parse_long(CMD, "--timeout", optarg, 1, 3600, &v)) {
        return CLI_EXIT_ERROR;
      }
      cfg.timeout = (unsigned)v;
      break;
    case 'b':
      if (cli_parse_long(CMD, "--max-body", optarg, 1, 64L << 20, &v)) {
        return CLI_EXIT_ERROR;
      }
      cfg.max_body = (size_t)v;
      break;
    case 'd':
      if (cli_parse_long(CMD, "--drain", optarg, 0, 600, &v)) {
        return CLI_EXIT_ERROR;
      }
      cfg.drain = (unsigned)v;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (optind != argc) {
    return cli_usage(CMD, "takes no operands");
  }
  return serve_run(&cfg);
}
