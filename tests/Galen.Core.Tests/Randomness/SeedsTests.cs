using Galen.Core.Randomness;

namespace Galen.Core.Tests.Randomness;

public sealed class SeedsTests
{
    [Fact]
    public void The_same_seed_and_stream_give_the_same_sequence()
    {
        var a = Seeds.Stream(7, "split");
        var b = Seeds.Stream(7, "split");
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => a.Next()), Enumerable.Range(0, 20).Select(_ => b.Next()));
    }

    [Fact]
    public void Different_streams_or_seeds_give_different_sequences()
    {
        Assert.NotEqual(Seeds.Derive(7, "split"), Seeds.Derive(7, "shuffle"));
        Assert.NotEqual(Seeds.Derive(7, "split"), Seeds.Derive(8, "split"));
    }

    [Fact]
    public void Derived_seeds_are_stable_across_runs_and_platforms()
    {
        // Pinned: changing the derivation (SHA-256 of the seed and the stream name) would
        // silently change every seeded result users have recorded.
        Assert.Equal(655473534, Seeds.Derive(42, "demo.cohort"));
        Assert.Equal(1436354243, Seeds.Stream(42, "demo.cohort").Next());
    }
}
