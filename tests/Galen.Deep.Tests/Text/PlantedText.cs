using Galen.Core.Learning;
using Galen.Core.Text;
using Galen.Deep.Tests.Fixtures;

namespace Galen.Deep.Tests.Text;

/// <summary>Small texts with planted structure for the text models' tests.</summary>
internal static class PlantedText
{
    /// <summary>Four diseases, each with three drugs and three symptoms that appear near it and nowhere else.</summary>
    public static readonly (string Disease, string[] Related)[] Topics =
    [
        ("sepsis", ["vancomycin", "meropenem", "cefepime", "fever", "rigors", "hypotension"]),
        ("heartfailure", ["furosemide", "carvedilol", "spironolactone", "orthopnea", "edema", "dyspnea"]),
        ("diabetes", ["metformin", "insulin", "glipizide", "polyuria", "polydipsia", "thirst"]),
        ("copd", ["albuterol", "tiotropium", "prednisone", "wheezing", "sputum", "cough"]),
    ];

    private static readonly string[] Filler =
    [
        "the", "patient", "was", "seen", "and", "with", "in", "on", "today", "noted", "history", "of", "given",
        "reports", "plan", "continue", "follow", "up", "clinic", "stable", "admitted", "for", "review", "home",
    ];

    /// <summary>Notes where each disease's words cluster: half of each note's words come from one topic, the rest is filler.</summary>
    public static string[] Word2VecCorpus(int documents, int seed)
    {
        var rng = new Random(seed);
        var notes = new string[documents];
        for (int d = 0; d < documents; d++)
        {
            var (disease, related) = Topics[rng.Next(Topics.Length)];
            var words = new List<string>();
            for (int i = 0; i < 40; i++)
            {
                words.Add(rng.NextDouble() < 0.5
                    ? (rng.Next(7) == 0 ? disease : related[rng.Next(related.Length)])
                    : Filler[rng.Next(Filler.Length)]);
            }

            notes[d] = string.Join(' ', words);
        }

        return notes;
    }

    /// <summary>
    /// Notes of filler words; positives contain the phrase "heart failure", negatives "heart
    /// rate" and "kidney failure", so each word alone says nothing and only the word pair does.
    /// </summary>
    public static (NoteTexts Notes, float[] Labels) HeartFailureNotes(int count, int seed)
    {
        var rng = new Random(seed);
        var texts = new string[count];
        var labels = new float[count];
        for (int n = 0; n < count; n++)
        {
            bool positive = rng.NextDouble() < 0.5;
            var words = Enumerable.Range(0, rng.Next(15, 40)).Select(_ => Filler[rng.Next(Filler.Length)]).ToList();
            if (positive)
            {
                words.InsertRange(rng.Next(words.Count), ["heart", "failure"]);
                words.Insert(rng.Next(words.Count), rng.NextDouble() < 0.5 ? "rate" : "kidney");
            }
            else
            {
                words.InsertRange(rng.Next(words.Count), ["heart", "rate"]);
                words.InsertRange(rng.Next(words.Count), ["kidney", "failure"]);
            }

            texts[n] = string.Join(' ', words);
            labels[n] = positive ? 1f : 0f;
        }

        return (new NoteTexts(texts), labels);
    }

    /// <summary>Notes about one of the four diseases (a multiclass target), named by a drug or a symptom only.</summary>
    public static (NoteTexts Notes, float[] Classes) DiseaseNotes(int count, int seed)
    {
        var rng = new Random(seed);
        var texts = new string[count];
        var classes = new float[count];
        for (int n = 0; n < count; n++)
        {
            int topic = rng.Next(Topics.Length);
            var words = Enumerable.Range(0, rng.Next(10, 25)).Select(_ => Filler[rng.Next(Filler.Length)]).ToList();
            words.Insert(rng.Next(words.Count), Topics[topic].Related[rng.Next(6)]);
            texts[n] = string.Join(' ', words);
            classes[n] = topic;
        }

        return (new NoteTexts(texts), classes);
    }

    public static readonly LabelSchema HeartFailure = LabelSchema.Binary("heart_failure", "heart-failure admission");

    public static readonly LabelSchema Disease = new("disease", LabelKind.Multiclass, Topics.Select(t => t.Disease).ToArray(), "the note's disease");

    public static LabelledSet<NoteTexts> Set(NoteTexts notes, LabelSchema schema, float[] targets) =>
        new(notes, new TargetMatrix(schema, targets), SyntheticVisits.Infos(notes.Count));

    /// <summary>
    /// Code-to-text pairs: each of eight codes writes its own short sentence, in the order the
    /// codes come, then a closing sentence (a small version of the synthetic hospital's
    /// discharge instructions).
    /// </summary>
    public static (string[] Sources, string[] Targets) InstructionPairs(int count, int seed)
    {
        string[] sentences =
        [
            "weigh yourself daily .", "check your sugar .", "stop smoking .", "use your inhaler .",
            "take aspirin 81 mg .", "avoid ibuprofen .", "walk every day .", "check your pressure .",
        ];
        var rng = new Random(seed);
        var sources = new string[count];
        var targets = new string[count];
        for (int i = 0; i < count; i++)
        {
            var codes = Enumerable.Range(0, sentences.Length).OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).ToArray();
            sources[i] = string.Join(' ', codes.Select(c => "dx:C" + c));
            targets[i] = string.Join(' ', codes.Select(c => sentences[c])) + " come back if worse .";
        }

        return (sources, targets);
    }
}
