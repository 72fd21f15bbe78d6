using Galen.Core.Privacy;
using Galen.Core.Randomness;
using Galen.Serve.Text;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;
using DeidentifiedText = Galen.Serve.Text.DeidentifiedText;

namespace Galen.Cli.Serving;

/// <summary>
/// The service's de-identification: Galen.Text's layered detector (patterns, dictionaries and the
/// learned layer) with the tag operator — identifiers become <c>[NAME]</c>, <c>[DATE]</c>, … —
/// since a service call has no patient keys to keep surrogates consistent with. The learned layer
/// is trained (a few seconds, from the default seed) on the first call, not at start-up, so the
/// service is ready without waiting for it.
/// </summary>
public sealed class TextDeidentifier : IDeidentifier
{
    private readonly Lazy<Task<(LayeredPhiDetector Detector, NoteDeidentifier Replacer)>> _model = new(() => Task.Run(() =>
    {
        var detector = LayeredPhiDetector.Create(DeidModels.TrainDefault(Seeds.Default));
        return (detector, new NoteDeidentifier(detector, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Tag));
    }));

    public async Task<DeidentifiedText> DeidentifyAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (detector, replacer) = await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var findings = detector.Detect(text);
        var replaced = replacer.Apply(text, findings, "service");
        // The spans replaced, in the order Apply walks them (a finding inside an earlier one is skipped there too).
        var spans = new List<PhiSpan>(findings.Count);
        int at = 0;
        foreach (var finding in findings)
        {
            if (finding.Start >= at)
            {
                spans.Add(finding.ToSpan());
                at = finding.End;
            }
        }

        return new DeidentifiedText(replaced.Text, spans);
    }
}
