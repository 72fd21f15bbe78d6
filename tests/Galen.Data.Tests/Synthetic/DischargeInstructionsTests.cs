using Galen.Data.Synthetic.Notes;

namespace Galen.Data.Tests.Synthetic;

public sealed class DischargeInstructionsTests
{
    [Fact]
    public void Every_survivor_gets_instructions_that_its_codes_alone_determine()
    {
        var (patients, _, _) = CollectingWriter.Generate(80, seed: 5);
        var admissions = patients.SelectMany(p => p.Admissions).ToArray();

        var pairs = admissions.Select(a => (Admission: a, Pair: DischargeInstructions.For(a))).ToArray();

        Assert.All(pairs.Where(p => p.Admission.DiedInHospital), p => Assert.Null(p.Pair));
        var written = pairs.Where(p => p.Pair is not null).Select(p => p.Pair!).ToArray();
        Assert.True(written.Length > 80);
        foreach (var pair in written)
        {
            Assert.StartsWith("You were in the hospital for ", pair.Instructions, StringComparison.Ordinal);
            Assert.Contains(" Come back if you have ", pair.Instructions, StringComparison.Ordinal);
            Assert.Equal(pair.Codes.Count, pair.Source.Split(' ').Length);
            int started = pair.Source.Split(' ').Count(c => c.StartsWith("rx:", StringComparison.Ordinal));
            Assert.Equal(started, pair.Instructions.Split(". ").Count(s => s.StartsWith("Start ", StringComparison.Ordinal)));
        }

        // The same codes always give the same text.
        Assert.All(written.GroupBy(p => p.Source), group => Assert.Single(group.Select(p => p.Instructions).Distinct()));
    }

    [Fact]
    public void Self_care_sentences_follow_the_secondary_diagnoses()
    {
        var (patients, _, _) = CollectingWriter.Generate(80, seed: 6);
        var pairs = patients.SelectMany(p => p.Admissions).Select(DischargeInstructions.For).OfType<DischargeInstructionPair>().ToArray();

        foreach (var pair in pairs)
        {
            bool heartFailure = pair.Source.Split(' ').Skip(1).Any(c => c.StartsWith("dx:I50.", StringComparison.Ordinal));
            Assert.Equal(heartFailure, pair.Instructions.Contains("Weigh yourself every morning.", StringComparison.Ordinal));
        }

        Assert.Contains(pairs, p => p.Instructions.Contains("Weigh yourself", StringComparison.Ordinal));
    }
}
