using System.Text.Json;
using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Deep.Data;

namespace Galen.Bench.Deep;

/// <summary>
/// The visit-sequence data of the deep-learning benchmarks: seeded samples of 1-20 visits of
/// 1-15 codes from 2,000, with a planted mortality signal. Written, after Galen's encoding, as
/// flat binary arrays the PyTorch peer reads, so both sides train on identical batches' worth
/// of codes.
/// </summary>
internal static class VisitBenchData
{
    public const int MaxVisits = 20;
    private const int Codes = 2000;
    private const int MaxCodesPerVisit = 15;

    public static readonly LabelSchema Mortality = LabelSchema.Binary("mortality", "benchmark outcome");

    public static LabelledSet<VisitSequenceInputs> Generate(int samples, int seed)
    {
        var rng = new Random(seed);
        var table = Enumerable.Range(0, Codes).Select(i => new ClinicalCode("BENCH", i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var builder = new VisitSequenceInputs.Builder();
        var labels = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            int visits = rng.Next(1, MaxVisits + 1);
            builder.StartSample();
            bool marker = false;
            for (int v = 0; v < visits; v++)
            {
                int count = rng.Next(1, MaxCodesPerVisit + 1);
                var codes = new ClinicalCode[count];
                for (int c = 0; c < count; c++)
                {
                    // Skewed towards common codes, as real diagnosis codes are.
                    codes[c] = table[(int)(Codes * Math.Pow(rng.NextDouble(), 2))];
                }

                marker |= v == visits - 1 && codes.Contains(table[0]);
                builder.AddVisit(codes);
            }

            labels[s] = rng.NextDouble() < (marker ? 0.7 : 0.1) ? 1f : 0f;
        }

        var infos = Enumerable.Range(0, samples).Select(i => new SampleInfo($"b{i}", $"b{i}", null, new Dictionary<string, string>())).ToArray();
        return new LabelledSet<VisitSequenceInputs>(builder.Build(), new TargetMatrix(Mortality, labels), infos);
    }

    /// <summary>Writes the encoded samples and the shared settings for the PyTorch peer.</summary>
    public static void Write(string folder, EncodedVisits encoded, TargetMatrix labels, IReadOnlyDictionary<string, object> settings)
    {
        Directory.CreateDirectory(folder);
        var visits = new List<int>();
        var codes = new List<int>();
        var samples = new int[encoded.Count];
        for (int s = 0; s < encoded.Count; s++)
        {
            samples[s] = encoded.VisitCount(s);
            for (int v = 0; v < samples[s]; v++)
            {
                var visit = encoded.Codes(s, v);
                visits.Add(visit.Length);
                codes.AddRange(visit.ToArray());
            }
        }

        WriteInts(Path.Combine(folder, "samples.i32"), samples);
        WriteInts(Path.Combine(folder, "visits.i32"), [.. visits]);
        WriteInts(Path.Combine(folder, "codes.i32"), [.. codes]);
        using (var file = File.Create(Path.Combine(folder, "labels.f32")))
        {
            foreach (float label in labels.Values)
            {
                file.Write(BitConverter.GetBytes(label));
            }
        }

        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(settings));
    }

    private static void WriteInts(string path, int[] values)
    {
        using var file = File.Create(path);
        foreach (int value in values)
        {
            file.Write(BitConverter.GetBytes(value));
        }
    }
}
