using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class BatchTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    [Fact]
    public async Task A_csv_stream_is_scored_row_by_row_with_bad_rows_reported_by_line_and_counted()
    {
        var csv = new StringBuilder("id,age,creatinine,lactate,heart_rate,diabetes\n");
        var expected = new Dictionary<string, double>();
        for (int i = 0; i < 600; i++)
        {
            var values = new Dictionary<string, double> { ["age"] = 30 + (i % 60), ["creatinine"] = 0.6 + (i % 7 * 0.3), ["lactate"] = 0.8 + (i % 5 * 0.7), ["heart_rate"] = 60 + (i % 50) };
            string diabetes = i % 3 == 0 ? string.Empty : "1";
            if (diabetes.Length > 0)
            {
                values["diabetes"] = 1;
            }

            csv.Append(CultureInfo.InvariantCulture, $"row-{i},{values["age"]},{values["creatinine"]},{values["lactate"]},{values["heart_rate"]},{diabetes}\n");
            expected["row-" + i] = LogisticTestModel.Risk(_factory.Bundle, values);
        }

        csv.Insert(csv.Length, "bad-1,70,high,1,80,0\nbad-2,70,1.0\n");
        using var client = _factory.ClientWithKey(ServeFactory.ScientistKey);

        using var response = await client.PostAsync("/api/models/mortality/batch", Http.Json(csv.ToString(), "text/csv"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var scored = lines.Where(l => l.TryGetProperty("probability", out _)).ToArray();
        var rejected = lines.Where(l => l.TryGetProperty("error", out _)).ToArray();
        var summary = lines[^1].GetProperty("summary");
        Assert.Equal(600, scored.Length);
        foreach (var line in scored)
        {
            Assert.Equal(expected[line.GetProperty("id").GetString()!], line.GetProperty("probability").GetDouble(), 1e-5); // inputs go through float32
        }

        Assert.Equal(["bad-1", "bad-2"], rejected.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(602, rejected[0].GetProperty("line").GetInt64());
        Assert.Contains("column 'creatinine' is not a number", rejected[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("3 fields where the header has 6", rejected[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(602, summary.GetProperty("rows").GetInt64());
        Assert.Equal(600, summary.GetProperty("scored").GetInt64());
        Assert.Equal(2, summary.GetProperty("rejected").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv.ToString()))), summary.GetProperty("inputSha256").GetString());
    }

    [Fact]
    public async Task An_ndjson_stream_is_scored_in_order_with_reasons_when_asked()
    {
        string ndjson = """
            {"id":"a","features":{"age":80,"lactate":4.0}}
            {"id":"b","features":{"age":40}}
            not json
            {"id":"c","features":{"age":50,"weight":90}}
            """;
        using var client = _factory.ClientWithKey(ServeFactory.AdminKey);

        using var response = await client.PostAsync("/api/models/mortality/batch?reasons=1", Http.Json(ndjson, "application/x-ndjson"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("lactate", lines[0].GetProperty("reasons")[0].GetProperty("feature").GetString());
        Assert.Equal(LogisticTestModel.Risk(_factory.Bundle, new Dictionary<string, double> { ["age"] = 40 }), lines[1].GetProperty("probability").GetDouble(), 6);
        Assert.Equal(3, lines[2].GetProperty("line").GetInt64());
        Assert.Equal("not valid JSON.", lines[2].GetProperty("error").GetString());
        Assert.Contains("no feature(s) 'weight'", lines[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, lines[4].GetProperty("summary").GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task A_csv_header_naming_unknown_columns_is_a_400_problem_before_any_output()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ScientistKey);
        using var response = await client.PostAsync("/api/models/mortality/batch", Http.Json("age,blood_type\n70,A\n", "text/csv"));

        var problem = await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("'blood_type'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_stream_out_while_the_input_is_still_arriving()
    {
        var firstResults = new TaskCompletionSource();
        var content = new TwoPartCsv(firstResults.Task);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        // The test server's own handler: the factory's default client buffers request bodies.
        using var client = new HttpClient(_factory.Server.CreateHandler()) { BaseAddress = _factory.Server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServeFactory.ScientistKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/mortality/batch") { Content = content };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        bool secondPartStillWaiting = !content.SecondPartSent;
        firstResults.SetResult();
        string rest = await reader.ReadToEndAsync();

        Assert.NotNull(first);
        Assert.True(secondPartStillWaiting, "the first results should arrive before the second part of the input is sent");
        var summary = JsonDocument.Parse(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("summary");
        Assert.Equal(2 * TwoPartCsv.RowsPerPart, summary.GetProperty("scored").GetInt64());
    }

    /// <summary>A CSV body sent in two parts; the second waits until the test has seen results.</summary>
    private sealed class TwoPartCsv(Task release) : HttpContent
    {
        public const int RowsPerPart = 600;

        public bool SecondPartSent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("age,lactate\n" + Rows()));
            await stream.FlushAsync();
            await release.WaitAsync(TimeSpan.FromSeconds(30));
            SecondPartSent = true;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Rows()));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private static string Rows() => string.Concat(Enumerable.Range(0, RowsPerPart).Select(i => $"{40 + (i % 50)},{1 + (i % 4)}\n"));
    }
}
