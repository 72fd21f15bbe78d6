using System.Security.Cryptography;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;

namespace Galen.Data.Tests.Synthetic;

public sealed class DeterminismTests
{
    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static void Generate(SyntheticFormat format, string directory, int seed, int batchSize, int threads, bool compress = false, FhirLayout layout = FhirLayout.Ndjson)
    {
        using var writer = HospitalOutputFolder.CreateWriter(format, directory, compress, layout);
        SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = format == SyntheticFormat.Fhir ? 25 : 70, Seed = seed, BatchSize = batchSize, MaxDegreeOfParallelism = threads }, writer);
    }

    [Theory]
    [InlineData(SyntheticFormat.Mimic, false)]
    [InlineData(SyntheticFormat.Mimic, true)]
    [InlineData(SyntheticFormat.Omop, false)]
    [InlineData(SyntheticFormat.Fhir, false)]
    public void The_same_seed_gives_byte_identical_files_whatever_the_batching_and_thread_count(SyntheticFormat format, bool compress)
    {
        using var temp = new TempFolder();
        Generate(format, temp.Sub("a"), seed: 99, batchSize: 512, threads: Environment.ProcessorCount, compress);
        Generate(format, temp.Sub("b"), seed: 99, batchSize: 7, threads: 1, compress);

        var a = Hashes(temp.Sub("a"));
        var b = Hashes(temp.Sub("b"));
        Assert.True(a.Count >= 10, $"only {a.Count} files written");
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (file, hash) in a)
        {
            Assert.True(hash == b[file], $"{file} differs between two runs with the same seed");
        }
    }

    [Fact]
    public void Fhir_bundles_are_byte_identical_for_a_seed()
    {
        using var temp = new TempFolder();
        Generate(SyntheticFormat.Fhir, temp.Sub("a"), seed: 5, batchSize: 64, threads: 2, layout: FhirLayout.Bundles);
        Generate(SyntheticFormat.Fhir, temp.Sub("b"), seed: 5, batchSize: 9, threads: 1, layout: FhirLayout.Bundles);
        Assert.Equal(Hashes(temp.Sub("a")), Hashes(temp.Sub("b")));
    }

    [Fact]
    public void Different_seeds_give_different_hospitals()
    {
        using var temp = new TempFolder();
        Generate(SyntheticFormat.Mimic, temp.Sub("a"), seed: 1, batchSize: 64, threads: 2);
        Generate(SyntheticFormat.Mimic, temp.Sub("b"), seed: 2, batchSize: 64, threads: 2);
        var a = Hashes(temp.Sub("a"));
        var b = Hashes(temp.Sub("b"));
        foreach (var table in new[] { "PATIENTS.csv", "ADMISSIONS.csv", "LABEVENTS.csv", "CHARTEVENTS.csv", "NOTEEVENTS.csv", Path.Combine("ground_truth", "admissions.csv") })
        {
            Assert.NotEqual(a[table], b[table]);
        }

        // The generator's knowledge does not depend on the seed.
        Assert.Equal(a[Path.Combine("knowledge", "drug_interactions.csv")], b[Path.Combine("knowledge", "drug_interactions.csv")]);
    }
}
