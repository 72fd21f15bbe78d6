using System.Text.Json.Nodes;
using Galen.Cli;
using Galen.Core.Privacy;
using Galen.Text.Tests.Store;
using Spectre.Console.Testing;

namespace Galen.Text.Tests.Cli;

/// <summary><c>galen deid --db</c>: the store path, and that no PHI reaches the console, the manifest or the per-note lines.</summary>
public sealed class DeidStoreCommandTests(SyntheticStore hospital) : IClassFixture<SyntheticStore>
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = await GalenApp.RunAsync(args, console);
        return (code, console.Output);
    }

    [Fact]
    public async Task Phi_never_reaches_the_console_or_the_manifest_of_a_store_run()
    {
        string output = Path.GetDirectoryName(hospital.NewOutput())!;
        string keyFile = Path.Combine(hospital.Folder, "deid.key");
        File.WriteAllText(keyFile, "a store test key that is long enough\n");

        var (code, console) = await Run("deid", "--db", hospital.StorePath, "--out", output, "--keys", Path.Combine(hospital.Folder, "keys.bin"), "--key-file", keyFile, "--training-notes", "300", "--verbose");

        Assert.Equal(GalenApp.Ok, code);
        Assert.True(File.Exists(Path.Combine(output, "galen.duckdb")));
        string manifestText = File.ReadAllText(Path.Combine(output, "deid-manifest.json"));
        var manifest = JsonNode.Parse(manifestText)!;
        Assert.Equal(hospital.Notes.Count, manifest["notes_written"]!.GetValue<long>());
        Assert.Contains(manifest["store"]!["tables"]!.AsArray(), t => t!["table"]!.GetValue<string>() == "measurement" && t["rows_written"]!.GetValue<long>() > 1000);
        string logs = console + manifestText + File.ReadAllText(Path.Combine(output, "deid-notes.jsonl"));

        var phi = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var note in hospital.Notes)
        {
            phi.Add(note.SubjectId!);
            phi.Add(note.HadmId!);
            foreach (var span in note.Spans)
            {
                string value = note.Text.Substring(span.Start, span.Length);
                if (span.Type is PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName)
                {
                    phi.UnionWith(value.Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4));
                }
                else if (value.Length >= 6 && span.Type is not (PhiType.State or PhiType.Age or PhiType.Zip))
                {
                    phi.Add(value);
                }
            }
        }

        Assert.True(phi.Count > 300);
        foreach (var value in phi)
        {
            Assert.DoesNotContain(value, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_store_run_needs_the_surrogate_operator_one_input_and_an_existing_store()
    {
        string output = Path.GetDirectoryName(hospital.NewOutput())!;
        var (tag, tagOutput) = await Run("deid", "--db", hospital.StorePath, "--out", output, "--operator", "tag", "--no-learned");
        Assert.Equal(GalenApp.UserError, tag);
        Assert.Contains("needs the surrogate operator", tagOutput, StringComparison.Ordinal);

        var (both, bothOutput) = await Run("deid", hospital.Extract, "--db", hospital.StorePath, "--out", output, "--no-learned");
        Assert.Equal(GalenApp.UserError, both);
        Assert.Contains("not both", bothOutput, StringComparison.Ordinal);

        var (missing, missingOutput) = await Run("deid", "--db", Path.Combine(hospital.Folder, "nowhere.duckdb"), "--out", output, "--no-learned");
        Assert.Equal(GalenApp.UserError, missing);
        Assert.Contains("nowhere.duckdb: does not exist", missingOutput, StringComparison.Ordinal);
    }
}
