using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Galen.Serve.Registry;

/// <summary>
/// Versioned model bundles on disk with their metadata in an embedded DuckDB database.
/// Writes are atomic: a bundle is staged in a temporary folder, flushed, renamed into place, and
/// only then does the metadata transaction commit, so a crash at any point leaves either the old
/// registry or the new one, never a half-written version. Writers in different processes are
/// serialised by a lock file; connections are opened per operation so the service and the CLI
/// can take turns with the database file.
/// </summary>
public sealed partial class ModelRegistry
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private readonly RegistryOptions _options;

    private ModelRegistry(RegistryOptions options) => _options = options;

    /// <summary>The registry's folder.</summary>
    public string Root => _options.Root;

    /// <summary>The registry's settings.</summary>
    public RegistryOptions Options => _options;

    /// <summary>Opens the registry at <paramref name="options"/>' root, creating it if absent.</summary>
    public static ModelRegistry Open(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = new ModelRegistry(options with { Root = Path.GetFullPath(options.Root) });
        Directory.CreateDirectory(registry._options.BundlesFolder);
        Directory.CreateDirectory(registry._options.TemporaryFolder);
        registry.WithConnection(connection =>
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS model_versions (
                    model_id VARCHAR NOT NULL,
                    version INTEGER NOT NULL,
                    stage VARCHAR NOT NULL,
                    format VARCHAR NOT NULL,
                    bundle_path VARCHAR NOT NULL,
                    bundle_sha256 VARCHAR NOT NULL,
                    bundle_bytes BIGINT NOT NULL,
                    title VARCHAR NOT NULL,
                    data_fingerprint VARCHAR NOT NULL,
                    task_parameters VARCHAR NOT NULL,
                    configuration VARCHAR NOT NULL,
                    metrics VARCHAR NOT NULL,
                    registered_by VARCHAR NOT NULL,
                    registered_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (model_id, version));
                CREATE TABLE IF NOT EXISTS stage_changes (
                    sequence BIGINT PRIMARY KEY,
                    model_id VARCHAR NOT NULL,
                    version INTEGER NOT NULL,
                    from_stage VARCHAR,
                    to_stage VARCHAR NOT NULL,
                    actor VARCHAR NOT NULL,
                    changed_at TIMESTAMPTZ NOT NULL,
                    reason VARCHAR NOT NULL);
                """);
            return 0;
        });
        return registry;
    }

    /// <summary>Every version of every model, newest first within each id.</summary>
    public IReadOnlyList<RegistryEntry> List(string? modelId = null) =>
        WithConnection(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM model_versions" +
                (modelId is null ? string.Empty : " WHERE model_id = $id") +
                " ORDER BY model_id, version DESC";
            if (modelId is not null)
            {
                command.Parameters.Add(new DuckDBParameter("id", modelId));
            }

            return ReadEntries(command);
        });

    /// <summary>One version, or null.</summary>
    public RegistryEntry? Find(string modelId, int version) =>
        List(modelId).FirstOrDefault(e => e.Version == version);

    /// <summary>The production version of every model id.</summary>
    public IReadOnlyList<RegistryEntry> Production() =>
        List().Where(e => e.Stage == ModelStage.Production).ToArray();

    /// <summary>Stage changes, oldest first.</summary>
    public IReadOnlyList<StageChange> History(string? modelId = null) =>
        WithConnection(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sequence, model_id, version, from_stage, to_stage, actor, changed_at, reason FROM stage_changes" +
                (modelId is null ? string.Empty : " WHERE model_id = $id") + " ORDER BY sequence";
            if (modelId is not null)
            {
                command.Parameters.Add(new DuckDBParameter("id", modelId));
            }

            using var reader = command.ExecuteReader();
            var changes = new List<StageChange>();
            while (reader.Read())
            {
                changes.Add(new StageChange(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : ParseStage(reader.GetString(3)),
                    ParseStage(reader.GetString(4)),
                    reader.GetString(5),
                    ReadTime(reader, 6),
                    reader.GetString(7)));
            }

            return (IReadOnlyList<StageChange>)changes;
        });

    /// <summary>Number of the last committed change; changes whenever anything is registered, promoted or rolled back.</summary>
    public long Head() => WithConnection(connection => Scalar<long>(connection, "SELECT coalesce(max(sequence), 0) FROM stage_changes"));

    /// <summary>
    /// Copies <paramref name="registration"/>'s bundle into the registry as the next version of
    /// its model, in staging.
    /// </summary>
    public RegistryEntry Register(ModelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ValidateModelId(registration.ModelId);
        if (!File.Exists(registration.BundleFile))
        {
            throw new RegistryException($"Bundle file {registration.BundleFile} does not exist.");
        }

        if (string.IsNullOrWhiteSpace(registration.Format))
        {
            throw new RegistryException("A bundle format is required, e.g. galen-bundle/lightgbm.");
        }

        using var writeLock = AcquireWriteLock();
        RemoveUnreferencedFolders();

        // Stage: copy the bundle and a manifest into a temporary folder and flush both.
        string staging = Path.Combine(_options.TemporaryFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        string stagedBundle = Path.Combine(staging, "model.bundle");
        DurableFiles.CopyFlushed(registration.BundleFile, stagedBundle);
        var (sha256, bytes) = HashFile(stagedBundle);
        int version = WithConnection(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model_id = $id";
            command.Parameters.Add(new DuckDBParameter("id", registration.ModelId));
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
        var now = DateTimeOffset.UtcNow;
        string folderName = version.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        string relativeBundle = Path.Combine(registration.ModelId, folderName, "model.bundle");
        var entry = new RegistryEntry(
            registration.ModelId, version, ModelStage.Staging, registration.Format,
            Path.Combine(_options.BundlesFolder, relativeBundle), sha256, bytes, registration.Title,
            registration.Lineage, registration.Actor, now);
        DurableFiles.WriteAllText(Path.Combine(staging, "manifest.json"), JsonSerializer.Serialize(ManifestOf(entry), ManifestJson));
        DurableFiles.FlushFolder(staging);
        _options.AfterStep?.Invoke(RegistryWriteStep.StagedInTemporaryFolder);

        // Place: one rename moves the complete folder into bundles/; nothing refers to it yet.
        string modelFolder = Path.Combine(_options.BundlesFolder, registration.ModelId);
        Directory.CreateDirectory(modelFolder);
        Directory.Move(staging, Path.Combine(modelFolder, folderName));
        DurableFiles.FlushFolder(modelFolder);
        DurableFiles.FlushFolder(_options.TemporaryFolder);
        _options.AfterStep?.Invoke(RegistryWriteStep.BundlePlaced);

        // Commit: the metadata row and its stage change in one transaction, last.
        WithConnection(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO model_versions VALUES ($id, $version, $stage, $format, $path, $sha, $bytes, $title,
                        $fingerprint, $task, $configuration, $metrics, $by, $at)
                    """;
                insert.Parameters.Add(new DuckDBParameter("id", entry.ModelId));
                insert.Parameters.Add(new DuckDBParameter("version", entry.Version));
                insert.Parameters.Add(new DuckDBParameter("stage", StageName(entry.Stage)));
                insert.Parameters.Add(new DuckDBParameter("format", entry.Format));
                insert.Parameters.Add(new DuckDBParameter("path", relativeBundle.Replace('\\', '/')));
                insert.Parameters.Add(new DuckDBParameter("sha", entry.BundleSha256));
                insert.Parameters.Add(new DuckDBParameter("bytes", entry.BundleBytes));
                insert.Parameters.Add(new DuckDBParameter("title", entry.Title));
                insert.Parameters.Add(new DuckDBParameter("fingerprint", entry.Lineage.DataFingerprint));
                insert.Parameters.Add(new DuckDBParameter("task", JsonSerializer.Serialize(entry.Lineage.TaskParameters)));
                insert.Parameters.Add(new DuckDBParameter("configuration", JsonSerializer.Serialize(entry.Lineage.Configuration)));
                insert.Parameters.Add(new DuckDBParameter("metrics", JsonSerializer.Serialize(entry.Lineage.Metrics)));
                insert.Parameters.Add(new DuckDBParameter("by", entry.RegisteredBy));
                insert.Parameters.Add(new DuckDBParameter("at", now.UtcDateTime));
                insert.ExecuteNonQuery();
            }

            RecordChange(connection, transaction, entry.ModelId, entry.Version, null, ModelStage.Staging, registration.Actor, now, "registered");
            transaction.Commit();
            return 0;
        });
        _options.AfterStep?.Invoke(RegistryWriteStep.MetadataCommitted);
        WriteHead();
        return entry;
    }

    /// <summary>
    /// Makes <paramref name="version"/> the production version of <paramref name="modelId"/>; the
    /// previous production version, if any, is archived in the same transaction.
    /// </summary>
    public RegistryEntry Promote(string modelId, int version, string actor, string reason = "promoted")
    {
        using var writeLock = AcquireWriteLock();
        var versions = List(modelId);
        var target = versions.FirstOrDefault(e => e.Version == version)
            ?? throw new RegistryException($"Model {modelId} has no version {version}.", "Run `galen models list` to see the registered versions.");
        if (target.Stage == ModelStage.Production)
        {
            throw new RegistryException($"{target.Key} is already in production.");
        }

        var current = versions.FirstOrDefault(e => e.Stage == ModelStage.Production);
        CommitStageChanges(actor, reason, current is null ? [(target, ModelStage.Production)] : [(current, ModelStage.Archived), (target, ModelStage.Production)]);
        return target with { Stage = ModelStage.Production };
    }

    /// <summary>
    /// Puts back the version that was in production before the current one and archives the
    /// current one, in one transaction.
    /// </summary>
    public RegistryEntry Rollback(string modelId, string actor, string reason = "rolled back")
    {
        using var writeLock = AcquireWriteLock();
        var versions = List(modelId);
        if (versions.Count == 0)
        {
            throw new RegistryException($"No model {modelId} is registered.", "Run `galen models list` to see the registered models.");
        }

        var current = versions.FirstOrDefault(e => e.Stage == ModelStage.Production)
            ?? throw new RegistryException($"Model {modelId} has no production version to roll back.");

        // The previous production version is the last one, other than the current, that was promoted.
        var previousVersion = History(modelId)
            .Where(c => c.To == ModelStage.Production && c.Version != current.Version)
            .Select(c => (int?)c.Version)
            .LastOrDefault()
            ?? throw new RegistryException($"Model {modelId} has had no production version before {current.Key}; nothing to roll back to.");
        var previous = versions.First(e => e.Version == previousVersion);
        CommitStageChanges(actor, reason, [(current, ModelStage.Archived), (previous, ModelStage.Production)]);
        return previous with { Stage = ModelStage.Production };
    }

    /// <summary>Moves a version to the archive (it is no longer served).</summary>
    public RegistryEntry Archive(string modelId, int version, string actor, string reason = "archived")
    {
        using var writeLock = AcquireWriteLock();
        var target = Find(modelId, version)
            ?? throw new RegistryException($"Model {modelId} has no version {version}.");
        if (target.Stage == ModelStage.Archived)
        {
            throw new RegistryException($"{target.Key} is already archived.");
        }

        CommitStageChanges(actor, reason, [(target, ModelStage.Archived)]);
        return target with { Stage = ModelStage.Archived };
    }

    /// <summary>Hex SHA-256 and length of a file.</summary>
    public static (string Sha256, long Bytes) HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    /// <summary>Throws unless <paramref name="modelId"/> is a valid model id.</summary>
    public static void ValidateModelId(string modelId)
    {
        if (string.IsNullOrEmpty(modelId) || !ModelIdPattern().IsMatch(modelId))
        {
            throw new RegistryException(
                $"'{modelId}' is not a valid model id.",
                "Use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit.");
        }
    }

    private void CommitStageChanges(string actor, string reason, IReadOnlyList<(RegistryEntry Entry, ModelStage To)> changes)
    {
        var now = DateTimeOffset.UtcNow;
        WithConnection(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (entry, to) in changes)
            {
                using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE model_versions SET stage = $stage WHERE model_id = $id AND version = $version";
                update.Parameters.Add(new DuckDBParameter("stage", StageName(to)));
                update.Parameters.Add(new DuckDBParameter("id", entry.ModelId));
                update.Parameters.Add(new DuckDBParameter("version", entry.Version));
                update.ExecuteNonQuery();
                RecordChange(connection, transaction, entry.ModelId, entry.Version, entry.Stage, to, actor, now, reason);
            }

            transaction.Commit();
            return 0;
        });
        _options.AfterStep?.Invoke(RegistryWriteStep.MetadataCommitted);
        WriteHead();
    }

    private static void RecordChange(DuckDBConnection connection, DbTransaction transaction, string modelId, int version, ModelStage? from, ModelStage to, string actor, DateTimeOffset at, string reason)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO stage_changes
            SELECT coalesce(max(sequence), 0) + 1, $id, $version, $from, $to, $actor, $at, $reason FROM stage_changes
            """;
        command.Parameters.Add(new DuckDBParameter("id", modelId));
        command.Parameters.Add(new DuckDBParameter("version", version));
        command.Parameters.Add(new DuckDBParameter("from", from is null ? null : StageName(from.Value)));
        command.Parameters.Add(new DuckDBParameter("to", StageName(to)));
        command.Parameters.Add(new DuckDBParameter("actor", actor));
        command.Parameters.Add(new DuckDBParameter("at", at.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("reason", reason));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Deletes staged or placed folders that no committed version refers to: the leftovers of a
    /// write that was interrupted. Runs under the write lock, so no write is in flight.
    /// </summary>
    private void RemoveUnreferencedFolders()
    {
        foreach (var leftover in Directory.EnumerateDirectories(_options.TemporaryFolder))
        {
            Directory.Delete(leftover, recursive: true);
        }

        var referenced = List().Select(e => Path.GetDirectoryName(e.BundlePath)!).ToHashSet(StringComparer.Ordinal);
        foreach (var modelFolder in Directory.EnumerateDirectories(_options.BundlesFolder))
        {
            foreach (var versionFolder in Directory.EnumerateDirectories(modelFolder))
            {
                if (!referenced.Contains(versionFolder))
                {
                    Directory.Delete(versionFolder, recursive: true);
                }
            }
        }
    }

    private void WriteHead() =>
        DurableFiles.WriteAllText(_options.HeadPath, Head().ToString(CultureInfo.InvariantCulture) + "\n");

    private FileStream AcquireWriteLock()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(_options.WriteLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
            catch (IOException e)
            {
                throw new RegistryException($"Another process has held the registry's write lock ({_options.WriteLockPath}) for over {LockWait.TotalSeconds:F0} s: {e.Message}", "Wait for the other registry command to finish and try again.");
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection, retrying while another process holds the database file.</summary>
    private T WithConnection<T>(Func<DuckDBConnection, T> work)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            DuckDBConnection connection;
            try
            {
                connection = new DuckDBConnection("Data Source=" + _options.DatabasePath);
                connection.Open();
            }
            catch (DuckDBException e) when (IsLockConflict(e) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
                continue;
            }

            using (connection)
            {
                return work(connection);
            }
        }
    }

    private static bool IsLockConflict(DuckDBException e) =>
        e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase);

    private IReadOnlyList<RegistryEntry> ReadEntries(DuckDBCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<RegistryEntry>();
        while (reader.Read())
        {
            entries.Add(new RegistryEntry(
                reader.GetString(reader.GetOrdinal("model_id")),
                reader.GetInt32(reader.GetOrdinal("version")),
                ParseStage(reader.GetString(reader.GetOrdinal("stage"))),
                reader.GetString(reader.GetOrdinal("format")),
                Path.Combine(_options.BundlesFolder, reader.GetString(reader.GetOrdinal("bundle_path"))),
                reader.GetString(reader.GetOrdinal("bundle_sha256")),
                reader.GetInt64(reader.GetOrdinal("bundle_bytes")),
                reader.GetString(reader.GetOrdinal("title")),
                new ModelLineage(
                    reader.GetString(reader.GetOrdinal("data_fingerprint")),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(reader.GetOrdinal("task_parameters")))!,
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(reader.GetOrdinal("configuration")))!,
                    JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(reader.GetOrdinal("metrics")))!),
                reader.GetString(reader.GetOrdinal("registered_by")),
                ReadTime(reader, reader.GetOrdinal("registered_at"))));
        }

        return entries;
    }

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            DateTimeOffset value => value.ToUniversalTime(),
            DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
            var other => throw new InvalidOperationException($"Unexpected timestamp type {other.GetType().Name} in the registry database."),
        };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Stage as stored and shown: lower-case word.</summary>
    public static string StageName(ModelStage stage) => stage switch
    {
        ModelStage.Staging => "staging",
        ModelStage.Production => "production",
        ModelStage.Archived => "archived",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    private static ModelStage ParseStage(string name) => name switch
    {
        "staging" => ModelStage.Staging,
        "production" => ModelStage.Production,
        "archived" => ModelStage.Archived,
        _ => throw new InvalidOperationException($"Unknown stage '{name}' in the registry database."),
    };

    private static object ManifestOf(RegistryEntry entry) => new
    {
        modelId = entry.ModelId,
        version = entry.Version,
        format = entry.Format,
        title = entry.Title,
        bundleSha256 = entry.BundleSha256,
        bundleBytes = entry.BundleBytes,
        lineage = entry.Lineage,
        registeredBy = entry.RegisteredBy,
        registeredAt = entry.RegisteredAt,
    };

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelIdPattern();
}
