using Galen.Text.Corpus;
using Galen.Text.Corpus.Training;
using Galen.Text.Deid.Lexicons;
using Galen.Text.HeldOut;

namespace Galen.Text.Tests.Corpus;

/// <summary>
/// The evaluation corpus is held apart from everything that builds or trains the detector:
/// by assembly boundary, by template text and by surface forms.
/// </summary>
public sealed class HeldApartSeparationTests
{
    private static readonly Lazy<IReadOnlyList<AnnotatedNote>> TrainingNotes = new(() => new TrainingNoteGenerator(42).Generate(400));

    [Fact]
    public void The_detector_assembly_cannot_reach_the_held_out_generator()
    {
        var detector = typeof(LexiconBuilder).Assembly;
        var heldOut = typeof(HeldOutNoteGenerator).Assembly;
        Assert.NotEqual(detector, heldOut);
        Assert.DoesNotContain(detector.GetReferencedAssemblies(), a => a.Name == heldOut.GetName().Name);
        Assert.Contains(heldOut.GetReferencedAssemblies(), a => a.Name == detector.GetName().Name);
    }

    [Fact]
    public void No_fixed_text_of_a_held_out_template_occurs_in_the_training_corpus()
    {
        var pieces = HeldOutNoteGenerator.Templates
            .SelectMany(NoteTemplate.LiteralPieces)
            .Select(p => p.Trim())
            .Where(p => p.Length >= 12)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Assert.True(pieces.Length > 40, $"only {pieces.Length} checkable pieces");
        var training = string.Join("\n", TrainingNotes.Value.Select(n => n.Text));
        var trainingTemplates = string.Join("\n", TrainingNoteGenerator.Templates);
        foreach (var piece in pieces)
        {
            Assert.False(training.Contains(piece, StringComparison.OrdinalIgnoreCase), $"training corpus contains held-out text '{piece}'");
            Assert.False(trainingTemplates.Contains(piece, StringComparison.OrdinalIgnoreCase), $"training templates contain held-out text '{piece}'");
        }
    }

    [Fact]
    public void Held_out_names_and_cities_are_unknown_to_the_dictionary_and_the_training_corpus()
    {
        var lexicon = PhiLexicon.Default;
        var (first, last, cities) = HeldOutNoteGenerator.Create(1).NamePools;
        Assert.True(first.Count > 500 && last.Count > 500 && cities.Count > 100);
        Assert.DoesNotContain(first, n => lexicon.IsName(n));
        Assert.DoesNotContain(last, n => lexicon.IsName(n));
        Assert.DoesNotContain(cities, c => lexicon.Cities.Contains(c));

        var trainingPhi = TrainingNotes.Value
            .SelectMany(n => n.Spans.Where(s => s.Type is Core.Privacy.PhiType.City).Select(s => n.Text.Substring(s.Start, s.Length)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(cities, trainingPhi.Contains);
        foreach (var form in HeldOutNoteGenerator.FixedSurfaceForms.Where(f => f.Length >= 8 && !f.Contains('{', StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(form, string.Join("\n", TrainingNotes.Value.Select(n => n.Text)), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Generators_are_reproducible_from_their_seeds_and_differ_between_seeds()
    {
        var a = HeldOutNoteGenerator.Create(5).Generate(20);
        var b = HeldOutNoteGenerator.Create(5).Generate(20);
        var c = HeldOutNoteGenerator.Create(6).Generate(20);
        Assert.Equal(a.Select(n => n.Text), b.Select(n => n.Text));
        Assert.NotEqual(a.Select(n => n.Text), c.Select(n => n.Text));
        Assert.Equal(new TrainingNoteGenerator(3).Generate(10).Select(n => n.Text), new TrainingNoteGenerator(3).Generate(10).Select(n => n.Text));
    }

    [Fact]
    public void Every_annotation_points_at_text_and_spans_do_not_overlap()
    {
        foreach (var note in HeldOutNoteGenerator.Create(9).Generate(100).Concat(TrainingNotes.Value.Take(100)))
        {
            for (int i = 0; i < note.Spans.Count; i++)
            {
                var span = note.Spans[i];
                Assert.InRange(span.End, 1, note.Text.Length);
                Assert.False(string.IsNullOrWhiteSpace(note.Text.Substring(span.Start, span.Length)));
                if (i > 0)
                {
                    Assert.True(note.Spans[i - 1].End <= span.Start);
                }
            }
        }
    }
}
