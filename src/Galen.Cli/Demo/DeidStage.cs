using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Evaluation;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;
using Galen.Text.HeldOut;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// De-identifies synthetic notes the detector never saw (the held-apart corpus), prints its recall
/// and precision, and shows one note after de-identification (never the original text).
/// </summary>
public sealed class DeidStage : IDemoStage
{
    public string Title => "clinical notes: de-identification";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var model = await ProgressBars.RunAsync(context.Console, "de-id", progress =>
            Task.Run(() => DeidModels.TrainDefault(context.Options.Seed, 500, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        var detector = LayeredPhiDetector.Create(model);
        var notes = HeldOutNoteGenerator.Create(context.Options.Seed).Generate(200);
        var overall = DeidEvaluation.Run(notes, detector, cancellationToken).Overall;
        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{notes.Count} held-apart synthetic notes, {overall.GoldEntities:N0} PHI entities: recall {overall.EntityRecall:F3}, precision {overall.EntityPrecision:F3} (F2 {overall.EntityF2:F3})."));
        var deidentifier = new NoteDeidentifier(detector, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
        var sample = notes.First(n => n.Text.Length is > 300 and < 700);
        var panel = new Panel(Markup.Escape(deidentifier.Deidentify(sample.Text, sample.SubjectId ?? "demo").Text.Trim()))
            .Header("a synthetic note after de-identification (surrogates, shifted dates)")
            .Border(BoxBorder.Rounded);
        context.Console.Write(panel);
    }
}
