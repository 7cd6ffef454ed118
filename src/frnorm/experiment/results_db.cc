#include "frnorm/experiment/results_db.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"
#include "frnorm/train/run_directory.h"

namespace frnorm {
namespace {

// A prepared statement, finalized on every path out.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path) : path_(path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) {
      throw Error(fmt::format("{}: {}", path, sqlite3_errmsg(db)));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int at, const std::string& text) {
    sqlite3_bind_text(statement_, at, text.c_str(), -1, SQLITE_TRANSIENT);
  }
  void bind(int at, std::int64_t value) { sqlite3_bind_int64(statement_, at, value); }
  void bind(int at, const std::optional<double>& value) {
    if (value) {
      sqlite3_bind_double(statement_, at, *value);
    } else {
      sqlite3_bind_null(statement_, at);
    }
  }
  // True while there is a row.
  bool step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) {
      return true;
    }
    if (code != SQLITE_DONE) {
      throw Error(fmt::format("{}: {}", path_, sqlite3_errmsg(sqlite3_db_handle(statement_))));
    }
    return false;
  }
  std::string text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    return value == nullptr ? std::string() : reinterpret_cast<const char*>(value);
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  std::optional<double> real(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) {
      return std::nullopt;
    }
    return sqlite3_column_double(statement_, column);
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
  std::string path_;
};

std::optional<double> number(const OrderedJson& line, const char* key) {
  const auto it = line.find(key);
  if (it == line.end() || !it->is_number()) {
    return std::nullopt;
  }
  return it->get<double>();
}

// The columns of `runs` in the order insert() binds and runs() reads them.
std::string run_columns() {
  std::string names = "run_id, run_index, run_dir, swept, config, epochs, wall_s";
  for (const char* key : kRunValues) {
    names += fmt::format(", {}", key);
  }
  return names;
}

std::optional<double> difference(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) {
    return std::nullopt;
  }
  return *a - *b;
}

}  // namespace

RunRecord record_from_run(const SweepRun& run, const std::string& run_dir_on_disk,
                          const std::string& run_dir_stored) {
  const std::string metrics = (std::filesystem::path(run_dir_on_disk) / "metrics.jsonl").string();
  const std::vector<OrderedJson> lines = read_metrics(metrics);
  if (lines.empty()) {
    throw Error(fmt::format("{}: no measured epoch", metrics));
  }
  const OrderedJson& last = lines.back();
  RunRecord record;
  record.id = run.id;
  record.index = run.index;
  record.run_dir = run_dir_stored;
  record.swept = run.swept;
  record.config = run.config;
  // The run's own config.json holds every option resolved (defaults included): keep that.
  const std::string config_path = (std::filesystem::path(run_dir_on_disk) / "config.json").string();
  if (std::filesystem::exists(config_path)) {
    const OrderedJson config = OrderedJson::parse(read_file(config_path), nullptr, false);
    if (config.is_object() && config.contains("options")) {
      record.config = config["options"];
    }
  }
  record.epochs = last["epoch"].get<int>();
  for (const OrderedJson& line : lines) {
    if (line["epoch"].get<int>() > 0) {
      record.wall_s += number(line, "wall_s").value_or(0.0);
    }
  }
  for (const char* key : kRunValues) {
    record.values[key] = number(last, key);
  }
  record.values["gap_loss"] = difference(record.values["test_loss"], record.values["train_loss"]);
  record.values["gap_acc"] = difference(record.values["train_acc"], record.values["test_acc"]);
  return record;
}

ResultsDb::ResultsDb(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw Error(fmt::format("{}: cannot open the results database: {}", path, message));
  }
  sqlite3_busy_timeout(db_, 120000);  // wait up to 2 minutes for another writer
  try {
    exec("PRAGMA journal_mode=WAL");
    std::string columns;
    for (const char* key : kRunValues) {
      columns += fmt::format(", {} REAL", key);
    }
    exec("CREATE TABLE IF NOT EXISTS sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    exec("CREATE TABLE IF NOT EXISTS failures (run_id TEXT PRIMARY KEY, why TEXT NOT NULL)");
    exec(fmt::format(
        "CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, run_index INTEGER NOT NULL, "
        "run_dir TEXT NOT NULL, swept TEXT NOT NULL, config TEXT NOT NULL, epochs INTEGER, "
        "wall_s REAL{})",
        columns));
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

ResultsDb::~ResultsDb() { sqlite3_close(db_); }

void ResultsDb::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw Error(fmt::format("{}: {}", path_, text));
  }
}

bool ResultsDb::has_run(const std::string& id) {
  Statement query(db_, "SELECT 1 FROM runs WHERE run_id = ?", path_);
  query.bind(1, id);
  return query.step();
}

void ResultsDb::insert(const RunRecord& r) {
  std::string slots = "?, ?, ?, ?, ?, ?, ?";
  for (std::size_t k = 0; k < kRunValues.size(); ++k) {
    slots += ", ?";
  }
  exec("BEGIN IMMEDIATE");
  try {
    Statement insert(
        db_, fmt::format("INSERT OR REPLACE INTO runs ({}) VALUES ({})", run_columns(), slots),
        path_);
    insert.bind(1, r.id);
    insert.bind(2, std::int64_t{r.index});
    insert.bind(3, r.run_dir);
    insert.bind(4, r.swept.dump());
    insert.bind(5, r.config.dump());
    insert.bind(6, std::int64_t{r.epochs});
    insert.bind(7, std::optional<double>(r.wall_s));
    int at = 8;
    for (const char* key : kRunValues) {
      const auto it = r.values.find(key);
      insert.bind(at++, it == r.values.end() ? std::nullopt : it->second);
    }
    insert.step();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<RunRecord> ResultsDb::runs() {
  Statement query(db_, fmt::format("SELECT {} FROM runs ORDER BY run_index, run_id", run_columns()),
                  path_);
  std::vector<RunRecord> records;
  while (query.step()) {
    RunRecord r;
    r.id = query.text(0);
    r.index = static_cast<int>(query.integer(1));
    r.run_dir = query.text(2);
    r.swept = OrderedJson::parse(query.text(3), nullptr, false);
    r.config = OrderedJson::parse(query.text(4), nullptr, false);
    if (r.swept.is_discarded() || r.config.is_discarded()) {
      throw Error(fmt::format("{}: run {} has a malformed swept or config column", path_, r.id));
    }
    r.epochs = static_cast<int>(query.integer(5));
    r.wall_s = query.real(6).value_or(0.0);
    int at = 7;
    for (const char* key : kRunValues) {
      r.values[key] = query.real(at++);
    }
    records.push_back(std::move(r));
  }
  return records;
}

std::optional<std::string> ResultsDb::meta(const std::string& key) {
  Statement query(db_, "SELECT value FROM sweep WHERE key = ?", path_);
  query.bind(1, key);
  if (!query.step()) {
    return std::nullopt;
  }
  return query.text(0);
}

void ResultsDb::set_meta(const std::string& key, const std::string& value) {
  Statement insert(db_, "INSERT OR REPLACE INTO sweep (key, value) VALUES (?, ?)", path_);
  insert.bind(1, key);
  insert.bind(2, value);
  insert.step();
}

void ResultsDb::set_failure(const std::string& id, const std::string& why) {
  Statement insert(db_, "INSERT OR REPLACE INTO failures (run_id, why) VALUES (?, ?)", path_);
  insert.bind(1, id);
  insert.bind(2, why);
  insert.step();
}

void ResultsDb::clear_failure(const std::string& id) {
  Statement remove(db_, "DELETE FROM failures WHERE run_id = ?", path_);
  remove.bind(1, id);
  remove.step();
}

std::vector<std::pair<std::string, std::string>> ResultsDb::failures() {
  Statement query(db_, "SELECT run_id, why FROM failures ORDER BY run_id", path_);
  std::vector<std::pair<std::string, std::string>> out;
  while (query.step()) {
    out.emplace_back(query.text(0), query.text(1));
  }
  return out;
}

std::string results_path(const std::string& sweep_dir) {
  std::string path = (std::filesystem::path(sweep_dir) / "results.sqlite").string();
  if (!std::filesystem::exists(path)) {
    throw Error(fmt::format("{}: no such file ({} is not a sweep directory of frnorm sweep)", path,
                            sweep_dir));
  }
  return path;
}

int merge_sweep(const std::string& target_dir, const std::string& source_dir) {
  namespace fs = std::filesystem;
  ResultsDb source(results_path(source_dir));
  fs::create_directories(target_dir);
  ResultsDb target((fs::path(target_dir) / "results.sqlite").string());
  const std::optional<std::string> grid = source.meta("grid");
  const std::optional<std::string> target_grid = target.meta("grid");
  if (grid && target_grid && *grid != *target_grid) {
    throw Error(fmt::format("{} and {} are sweeps of different grids; merge refuses to mix them",
                            source_dir, target_dir));
  }
  for (const char* key : {"grid", "question"}) {
    if (const std::optional<std::string> value = source.meta(key); value && !target.meta(key)) {
      target.set_meta(key, *value);
    }
  }
  int added = 0;
  for (RunRecord run : source.runs()) {
    if (target.has_run(run.id)) {
      continue;
    }
    if (fs::path(run.run_dir).is_relative()) {
      run.run_dir =
          fs::relative(fs::absolute(fs::path(source_dir) / run.run_dir), fs::absolute(target_dir))
              .string();
    }
    target.insert(run);
    ++added;
  }
  return added;
}

namespace {

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  quoted += '"';
  return quoted;
}

}  // namespace

std::vector<std::string> swept_keys(const std::vector<RunRecord>& runs) {
  std::vector<std::string> keys;
  for (const RunRecord& run : runs) {
    for (const auto& [key, value] : run.swept.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        keys.push_back(key);
      }
    }
  }
  return keys;
}

std::string results_csv(const std::vector<RunRecord>& runs) {
  const std::vector<std::string> keys = swept_keys(runs);
  std::string out = "run_id,run_dir";
  for (const std::string& key : keys) {
    out += fmt::format(",{}", csv_cell(key));
  }
  out += ",epochs,wall_s";
  for (const char* key : kRunValues) {
    out += fmt::format(",{}", key);
  }
  out += '\n';
  for (const RunRecord& run : runs) {
    out += fmt::format("{},{}", csv_cell(run.id), csv_cell(run.run_dir));
    for (const std::string& key : keys) {
      const auto it = run.swept.find(key);
      out += ",";
      if (it != run.swept.end() && !it->is_null()) {
        out += csv_cell(swept_value_text(*it));
      }
    }
    out += fmt::format(",{},{:.17g}", run.epochs, run.wall_s);
    for (const char* key : kRunValues) {
      const auto it = run.values.find(key);
      out += ",";
      if (it != run.values.end() && it->second) {
        out += fmt::format("{:.17g}", *it->second);
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace frnorm
