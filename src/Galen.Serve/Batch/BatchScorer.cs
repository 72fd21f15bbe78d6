using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Serve.Audit;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Observability;
using Microsoft.AspNetCore.Http;

namespace Galen.Serve.Batch;

/// <summary>
/// Scores a stream of rows in chunks, writing NDJSON results as it goes, so memory stays bounded
/// whatever the input size: one chunk of rows and one line (at most <see cref="MaxLineBytes"/>)
/// are held at a time. A row that cannot be read gets an error line with its line number and is
/// counted; nothing is dropped silently. Each chunk is audited (hash of its model inputs) before
/// its results are written; the last line is a summary with the SHA-256 of the whole input.
/// </summary>
public sealed class BatchScorer(ServeMetrics metrics, AuditLog audit)
{
    /// <summary>Rows scored together.</summary>
    public const int ChunkRows = 256;

    /// <summary>Longest input line accepted.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Name of the optional CSV column (or NDJSON field) that identifies a row in the output.</summary>
    public const string KeyColumn = "id";

    private static readonly JsonSerializerOptions OutputJson = new(JsonSerializerDefaults.Web);

    /// <summary>The batch format of a request, from its Content-Type (415 otherwise).</summary>
    public static BatchFormat FormatOf(HttpRequest request)
    {
        RequestBody.RequireMediaType(request, ["text/csv", "application/x-ndjson"]);
        return request.ContentType!.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ? BatchFormat.Csv : BatchFormat.NdJson;
    }

    /// <summary>Scores <paramref name="input"/> and streams the results to <paramref name="response"/>.</summary>
    public async Task<BatchSummary> ScoreAsync(ServedModel model, BatchFormat format, Stream input, HttpResponse response, int reasons, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(response);
        if (model.Model is IPatientInputModel patientModel)
        {
            // Refused before anything is streamed, so the caller gets a 400 rather than a cut-off answer.
            throw new GalenInputException(
                $"{model.Entry.Key} reads {patientModel.InputDescription}, not rows of feature values, so it cannot score a CSV or NDJSON batch.",
                remedy: "Score its patients by id (GET /api/patients/{id}/risk), FHIR Bundle (POST /fhir/RiskAssessment/$predict) or CDS Hooks patient-view.");
        }

        using var inputHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reader = PipeReader.Create(input);
        int columns = model.Features.Count;
        var chunkValues = new float[ChunkRows * columns];
        var chunkRows = new List<(long Line, string? Key)>(ChunkRows);
        long rows = 0, scored = 0, rejected = 0, chunkNumber = 0;
        int[]? csvColumns = null;
        int csvKey = -1;
        bool started = false;

        async Task FlushChunkAsync()
        {
            if (chunkRows.Count == 0)
            {
                return;
            }

            var matrix = new FeatureMatrix(model.Features, chunkValues.AsSpan(0, chunkRows.Count * columns).ToArray());
            var predictions = model.Model.Predict(matrix, reasons);
            chunkNumber++;
            await audit.AppendAsync(
                new AuditEvent(AuditEvent.Actions.Prediction, actor, model.Id, model.Version, RiskService.HashRow(matrix.Values), string.Create(CultureInfo.InvariantCulture, $"{RiskService.Channels.Batch} chunk {chunkNumber}: {chunkRows.Count} rows")),
                cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            for (int i = 0; i < chunkRows.Count; i++)
            {
                metrics.RecordPrediction(model.Id, model.Version, RiskService.Channels.Batch, predictions[i].Probability);
                text.Append(JsonSerializer.Serialize(new ScoredLine(chunkRows[i].Line, chunkRows[i].Key, predictions[i].Probability, predictions[i].Reasons.Count == 0 ? null : predictions[i].Reasons.Select(r => new ShortReason(r.Feature, r.Value, r.Contribution)).ToArray()), OutputJson)).Append('\n');
            }

            scored += chunkRows.Count;
            chunkRows.Clear();
            await WriteAsync(text.ToString()).ConfigureAwait(false);
        }

        async Task WriteAsync(string text)
        {
            if (!started)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/x-ndjson";
                started = true;
            }

            await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        async Task RejectAsync(long line, string? key, string problem)
        {
            rejected++;
            // Results of rows before this one go out first, so the output stays in input order.
            await FlushChunkAsync().ConfigureAwait(false);
            await WriteAsync(JsonSerializer.Serialize(new RejectedLine(line, key, problem), OutputJson) + "\n").ConfigureAwait(false);
        }

        long lineNumber = 0;
        long hashedLength = 0;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            foreach (var segment in buffer.Slice(hashedLength))
            {
                // Only the bytes this read added: the rest was hashed when it first arrived.
                inputHash.AppendData(segment.Span);
            }

            while (TryReadLine(ref buffer, out var lineBytes))
            {
                lineNumber++;
                string line = Encoding.UTF8.GetString(lineBytes).TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                if (format == BatchFormat.Csv && csvColumns is null)
                {
                    (csvColumns, csvKey) = ReadCsvHeader(line, model);
                    continue;
                }

                rows++;
                int slot = chunkRows.Count;
                var target = chunkValues.AsSpan(slot * columns, columns);
                target.Fill(float.NaN);
                var (key, problem) = format == BatchFormat.Csv
                    ? ReadCsvRow(line, csvColumns!, csvKey, target, model)
                    : ReadJsonRow(line, target, model);
                if (problem is not null)
                {
                    await RejectAsync(lineNumber, key, problem).ConfigureAwait(false);
                    continue;
                }

                chunkRows.Add((lineNumber, key));
                if (chunkRows.Count == ChunkRows)
                {
                    await FlushChunkAsync().ConfigureAwait(false);
                }
            }

            if (buffer.Length > MaxLineBytes)
            {
                throw new GalenInputException($"line {lineNumber + 1} is longer than {MaxLineBytes} bytes.", new SourceLocation("request body", lineNumber + 1));
            }

            if (read.IsCompleted)
            {
                if (buffer.Length > 0)
                {
                    // A last line without a newline: feed it through the same path.
                    var tail = new ReadOnlySequence<byte>(buffer.ToArray().Append((byte)'\n').ToArray());
                    reader.AdvanceTo(read.Buffer.End);
                    await ScoreTailAsync(tail).ConfigureAwait(false);
                }
                else
                {
                    reader.AdvanceTo(read.Buffer.End);
                }

                break;
            }

            hashedLength = buffer.Length;
            reader.AdvanceTo(buffer.Start, read.Buffer.End);
        }

        async Task ScoreTailAsync(ReadOnlySequence<byte> tail)
        {
            if (!TryReadLine(ref tail, out var lineBytes))
            {
                return;
            }

            lineNumber++;
            string line = Encoding.UTF8.GetString(lineBytes).TrimEnd('\r');
            if (line.Length == 0)
            {
                return;
            }

            if (format == BatchFormat.Csv && csvColumns is null)
            {
                (csvColumns, csvKey) = ReadCsvHeader(line, model);
                return;
            }

            rows++;
            var target = chunkValues.AsSpan(chunkRows.Count * columns, columns);
            target.Fill(float.NaN);
            var (key, problem) = format == BatchFormat.Csv ? ReadCsvRow(line, csvColumns!, csvKey, target, model) : ReadJsonRow(line, target, model);
            if (problem is not null)
            {
                await RejectAsync(lineNumber, key, problem).ConfigureAwait(false);
            }
            else
            {
                chunkRows.Add((lineNumber, key));
            }
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        if (format == BatchFormat.Csv && csvColumns is null)
        {
            throw new GalenInputException("The CSV has no header row.", new SourceLocation("request body", 1), "Start with a row of feature names.");
        }

        await FlushChunkAsync().ConfigureAwait(false);
        if (rejected > 0)
        {
            metrics.RecordRejectedRows(model.Id, rejected);
        }

        var summary = new BatchSummary(model.Id, model.Version, rows, scored, rejected, Convert.ToHexStringLower(inputHash.GetHashAndReset()));
        await WriteAsync(JsonSerializer.Serialize(new { summary }, OutputJson) + "\n").ConfigureAwait(false);
        return summary;
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySpan<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        var slice = buffer.Slice(0, position.Value);
        line = slice.IsSingleSegment ? slice.FirstSpan : slice.ToArray();
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static (int[] Columns, int Key) ReadCsvHeader(string header, ServedModel model)
    {
        var names = SplitCsv(header);
        var columns = new int[names.Count];
        int key = -1;
        var unknown = new List<string>();
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i].Trim();
            if (name == KeyColumn)
            {
                key = i;
                columns[i] = -1;
                continue;
            }

            columns[i] = model.ColumnOf(name);
            if (columns[i] < 0)
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0)
        {
            throw new GalenInputException(
                $"the header names column(s) that {model.Entry.Key} does not have: {string.Join(", ", unknown.Take(10).Select(u => "'" + u + "'"))}.",
                new SourceLocation("request body", 1),
                $"Use the feature names from GET /api/models/{model.Id}, plus an optional '{KeyColumn}' column.");
        }

        return (columns, key);
    }

    private static (string? Key, string? Problem) ReadCsvRow(string line, int[] columns, int keyColumn, Span<float> target, ServedModel model)
    {
        var fields = SplitCsv(line);
        string? key = keyColumn >= 0 && keyColumn < fields.Count ? fields[keyColumn] : null;
        if (fields.Count != columns.Length)
        {
            return (key, $"{fields.Count} fields where the header has {columns.Length}.");
        }

        for (int i = 0; i < fields.Count; i++)
        {
            if (columns[i] < 0)
            {
                continue;
            }

            string field = fields[i].Trim();
            if (field.Length == 0 || field.Equals("NA", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                return (key, $"column '{model.Features[columns[i]].Name}' is not a number.");
            }

            target[columns[i]] = value;
        }

        return (key, null);
    }

    private static (string? Key, string? Problem) ReadJsonRow(string line, Span<float> target, ServedModel model)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return (null, "not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            string? key = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(KeyColumn, out var id) ? id.ToString() : null;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features))
            {
                return (key, "each line must be an object with a 'features' object.");
            }

            try
            {
                FeatureRowReader.Read(features, model).CopyTo(target);
            }
            catch (GalenInputException e)
            {
                return (key, e.Problem);
            }

            return (key, null);
        }
    }

    /// <summary>Splits a CSV line, honouring double quotes.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private sealed record ScoredLine(long Line, string? Id, double Probability, IReadOnlyList<ShortReason>? Reasons);

    private sealed record ShortReason(string Feature, double? Value, double Contribution);

    private sealed record RejectedLine(long Line, string? Id, string Error);
}

/// <summary>What a batch did.</summary>
public sealed record BatchSummary(string Model, int Version, long Rows, long Scored, long Rejected, string InputSha256);
