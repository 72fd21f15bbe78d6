using Galen.Data.Scoring;
using Galen.Serve.Fhir;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// Features for a FHIR Bundle or CDS Hooks prefetch: the resources become an in-memory timeline
/// (mapped as the FHIR ingest maps them), and the model's task featurizer computes the row of the
/// patient's latest inpatient stay — the same code that computed the model's training rows, so a
/// patient scored from FHIR gets the probability the batch task gives the same patient; for a
/// sequence network, the sample's visit code sets and series as well. No database is touched per
/// request.
/// </summary>
public sealed class FhirTaskFeatureExtractor(ServedTaskFeaturizers featurizers) : IFhirFeatureExtractor
{
    public FhirFeatures Extract(ClinicalBundle bundle, ServedModel model, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(model);
        var featurizer = featurizers.For(model);
        var record = new FhirPatientRecord(bundle.Patient, bundle.Encounters, bundle.Conditions, bundle.Procedures, bundle.MedicationRequests, bundle.MedicationAdministrations, bundle.Observations);
        var timeline = FhirTimeline.Build(record, featurizer, asOf.UtcDateTime);
        var row = featurizer.Current(timeline.Timeline, asOf.UtcDateTime);
        var setAside = timeline.SetAside.ToList();
        if (bundle.MedicationStatements.Count > 0)
        {
            // The store holds orders and administrations only, so the task's drug counts never included statements.
            setAside.Add($"MedicationStatement ×{bundle.MedicationStatements.Count}: not used (the model's drug features count orders and administrations)");
        }

        // A sequence network reads the same sample's visit code sets and series, built from the same timeline.
        var input = model.Model is SequenceServedModel network ? network.InputFor(featurizer, timeline.Timeline, row.Sample) : null;
        return new FhirFeatures(input is null ? row.Values : [], timeline.BasisFor(row.Sample, featurizer.Options), setAside, input);
    }
}
