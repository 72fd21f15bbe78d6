using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Data.Ingest;
using Galen.Data.Ingest.Fhir;
using Galen.Data.Preprocessing;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Data.Timeline;
using Hl7.Fhir.Model;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Patient = Galen.Data.Timeline.Patient;

namespace Galen.Data.Scoring;

/// <summary>
/// One patient's FHIR resources as an in-memory timeline, mapped exactly as the FHIR ingest maps
/// them into the store (<see cref="FhirClinicalMapping"/>: visit classes, codes, times, units
/// harmonised to the model's units), so the task featurizer sees the same events whichever way
/// the patient arrives. A resource the ingest would quarantine is set aside here, with the
/// reason, rather than guessed at. An Encounter without an end is a stay in progress: it ends,
/// for the timeline, at the time of scoring.
/// </summary>
public sealed class FhirTimeline
{
    private readonly List<Source> _sources;

    private FhirTimeline(Patient timeline, List<Source> sources, IReadOnlyList<string> setAside, string patientReference)
    {
        Timeline = timeline;
        _sources = sources;
        SetAside = setAside;
        PatientReference = patientReference;
    }

    /// <summary>The patient's timeline.</summary>
    public Patient Timeline { get; }

    /// <summary>Resources not used, each with where it is and why (no values quoted).</summary>
    public IReadOnlyList<string> SetAside { get; }

    /// <summary><c>Patient/{id}</c>.</summary>
    public string PatientReference { get; }

    /// <summary>
    /// Builds the timeline of <paramref name="record"/> as of <paramref name="asOf"/> (UTC).
    /// <paramref name="featurizer"/> gives the units the model's lab columns are in; values
    /// are converted to them as the store converts to its canonical units.
    /// </summary>
    public static FhirTimeline Build(FhirPatientRecord record, TaskFeaturizer featurizer, DateTime asOf)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(featurizer);
        return new Mapper(record, featurizer, asOf).Map();
    }

    /// <summary>
    /// References of the resources the row's features were computed from: the patient, stays
    /// begun by the index time, diagnoses known by then, and procedures, drugs and results in the
    /// sample's window.
    /// </summary>
    public IReadOnlyList<string> BasisFor(TaskSample sample, FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);
        var visits = Timeline.Visits;
        var basis = new List<string> { PatientReference };
        foreach (var source in _sources)
        {
            bool used = source.Kind switch
            {
                EventKinds.None => source.Time <= sample.IndexTime,
                EventKinds.Condition => (options.DiagnosesKnownAtDischarge && source.Visit >= 0 ? visits[source.Visit].End : source.Time) <= sample.IndexTime,
                EventKinds.Drug => source.Time >= sample.WindowStart && source.Time <= sample.IndexTime && !(sample.ExcludeCurrentVisitDrugs && source.Visit == sample.CurrentVisit),
                _ => source.Time >= sample.WindowStart && source.Time <= sample.IndexTime,
            };
            if (used && source.Reference is not null && !basis.Contains(source.Reference, StringComparer.Ordinal))
            {
                basis.Add(source.Reference);
            }
        }

        return basis;
    }

    /// <summary>A resource placed on the timeline: its kind (None for an encounter), when it counts, and its visit.</summary>
    private sealed record Source(string? Reference, EventKinds Kind, DateTime Time, int Visit);

    private sealed class Mapper(FhirPatientRecord record, TaskFeaturizer featurizer, DateTime asOf)
    {
        private readonly PatientTimelineBuilder _builder = new();
        private readonly List<Source> _sources = [];
        private readonly List<string> _setAside = [];
        private readonly Dictionary<string, (int Handle, DateTime End)> _visits = new(StringComparer.Ordinal);
        private readonly List<(int Handle, string? Reference, DateTime Start)> _visitSources = [];
        private readonly UnitHarmonizer _units = new();
        private readonly long _latestValid = asOf.AddDays(1).Ticks;
        private DateTime _birth;

        public FhirTimeline Map()
        {
            var patient = record.Patient;
            _birth = PatientBirth(patient);
            DateTime? death = null;
            if (patient.Deceased is FhirDateTime deceased && RequiredTime(deceased.Value, "Patient.deceasedDateTime") is { } died)
            {
                death = died >= _birth
                    ? died
                    : throw new GalenInputException("Patient.deceasedDateTime is before Patient.birthDate.", new SourceLocation("Patient", Field: "deceasedDateTime"));
            }

            var sex = patient.Gender switch { AdministrativeGender.Female => Sex.Female, AdministrativeGender.Male => Sex.Male, _ => Sex.Unknown };
            _builder.Demographics(sex, _birth, null, death);

            for (int i = 0; i < record.Encounters.Count; i++)
            {
                AddEncounter(record.Encounters[i], $"Encounter[{i}]");
            }

            for (int i = 0; i < record.Conditions.Count; i++)
            {
                var c = record.Conditions[i];
                AddCoded(c, $"Condition[{i}]", c.Encounter, c.Code, FhirClinicalMapping.ConditionTime(c), FhirClinicalMapping.ConditionSystems, EventKinds.Condition);
            }

            for (int i = 0; i < record.Procedures.Count; i++)
            {
                var p = record.Procedures[i];
                AddCoded(p, $"Procedure[{i}]", p.Encounter, p.Code, FhirValues.Start(p.Performed), FhirClinicalMapping.ProcedureSystems, EventKinds.Procedure);
            }

            for (int i = 0; i < record.MedicationRequests.Count; i++)
            {
                var m = record.MedicationRequests[i];
                AddDrug(m, $"MedicationRequest[{i}]", m.Encounter, m.Medication, m.AuthoredOn, FhirClinicalMapping.RequestEnd(m), "authoredOn");
            }

            for (int i = 0; i < record.MedicationAdministrations.Count; i++)
            {
                var m = record.MedicationAdministrations[i];
                AddDrug(m, $"MedicationAdministration[{i}]", m.Context, m.Medication, FhirValues.Start(m.Effective), (m.Effective as Period)?.End, "effective");
            }

            for (int i = 0; i < record.Observations.Count; i++)
            {
                AddObservation(record.Observations[i], $"Observation[{i}]");
            }

            var timeline = _builder.Build(0, DateTime.MaxValue);
            // Sources name visits by handle; the timeline orders visits by start.
            var local = new Dictionary<int, int>();
            var visits = timeline.Visits;
            var sources = new List<Source>();
            foreach (var (handle, reference, start) in _visitSources)
            {
                for (int v = 0; v < visits.Length; v++)
                {
                    if (visits[v].Id == handle + 1)
                    {
                        local[handle] = v;
                    }
                }

                sources.Add(new Source(reference, EventKinds.None, start, local[handle]));
            }

            sources.AddRange(_sources.Select(s => s.Visit < 0 ? s : s with { Visit = local[s.Visit] }));
            return new FhirTimeline(timeline, sources, _setAside, "Patient/" + patient.Id);
        }

        private DateTime PatientBirth(FhirPatient patient) =>
            RequiredTime(patient.BirthDate, "Patient.birthDate")
            ?? throw new GalenInputException("Patient.birthDate is required to score a patient (the model's training data had it for every patient).", new SourceLocation("Patient", Field: "birthDate"));

        private DateTime? RequiredTime(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (!FhirValues.TryTicks(text, out long ticks))
            {
                throw new GalenInputException($"{field} is not a FHIR date or dateTime.", new SourceLocation("Patient", Field: field));
            }

            return new DateTime(ticks);
        }

        private void AddEncounter(Encounter encounter, string location)
        {
            string key = Key(encounter.Id);
            if (key.Length == 0 || _visits.ContainsKey(key))
            {
                SetAside(location, key.Length == 0 ? "the Encounter has no id" : "the Encounter id is used twice");
                return;
            }

            if (!Time(encounter.Period?.Start, location, "period.start", required: true, out var start) || !Time(encounter.Period?.End, location, "period.end", required: false, out var end))
            {
                return;
            }

            // No end: a stay in progress, which ends (for the timeline) at the time of scoring.
            var finish = end ?? (asOf > start!.Value ? asOf : start!.Value);
            if (finish < start!.Value)
            {
                SetAside(location, "period.end is before period.start");
                return;
            }

            if (start.Value < _birth)
            {
                SetAside(location, "period.start is before the patient's birth date");
                return;
            }

            bool inpatient = FhirClinicalMapping.VisitClass(encounter) == "inpatient";
            int handle = _builder.AddVisit(start.Value, finish, inpatient, FhirClinicalMapping.Expired(encounter), FhirValues.Text(encounter.Type.FirstOrDefault()));
            _visits[key] = (handle, finish);
            _visitSources.Add((handle, Reference(encounter), start.Value));
        }

        private void AddCoded(Resource resource, string location, ResourceReference? encounter, CodeableConcept? code, string? time, string[] systems, EventKinds kind)
        {
            if (!Visit(encounter, location, out int visit) || !Time(time, location, "time", required: visit < 0, out var when) || !NotBeforeBirth(when, location))
            {
                return;
            }

            if (FhirClinicalMapping.Code(code, systems) is not { } clinical)
            {
                SetAside(location, "code has no coding in a vocabulary Galen knows");
                return;
            }

            int concept = _builder.Concept(clinical);
            if (kind == EventKinds.Condition)
            {
                _builder.AddCondition(concept, visit, when);
            }
            else
            {
                _builder.AddProcedure(concept, visit, when);
            }

            _sources.Add(new Source(Reference(resource), kind, when ?? (visit >= 0 ? VisitEnd(visit) : DateTime.MaxValue), visit));
        }

        private void AddDrug(Resource resource, string location, ResourceReference? encounter, DataType? medication, string? start, string? end, string startField)
        {
            if (!Visit(encounter, location, out int visit) || !Time(start, location, startField, required: true, out var begin) || !Time(end, location, "end", required: false, out var finish))
            {
                return;
            }

            if (finish is { } f && f < begin!.Value)
            {
                SetAside(location, "the end is before the start");
                return;
            }

            if (!NotBeforeBirth(begin, location))
            {
                return;
            }

            var (drug, atc) = FhirClinicalMapping.Medication(medication);
            if (drug is null)
            {
                SetAside(location, medication is ResourceReference ? "the medication is a reference to a Medication resource, which Galen does not resolve" : "medicationCodeableConcept has no coding in a vocabulary Galen knows");
                return;
            }

            int concept = _builder.Concept(drug);
            int atcConcept = atc is null ? -1 : _builder.Concept(atc);
            _builder.AddDrug(concept, atcConcept, visit, begin!.Value, finish);
            _sources.Add(new Source(Reference(resource), EventKinds.Drug, begin.Value, visit));
        }

        private void AddObservation(Observation observation, string location)
        {
            if (!Visit(observation.Encounter, location, out int visit) || !Time(FhirClinicalMapping.ObservationTime(observation), location, "effective", required: true, out var when) || !NotBeforeBirth(when, location))
            {
                return;
            }

            if (FhirClinicalMapping.Category(observation) is not { } category)
            {
                // Other categories are stored in the observation table, which no task reads.
                return;
            }

            var rows = new List<(int Concept, double Value)>();
            foreach (var (code, value) in FhirClinicalMapping.Parts(observation))
            {
                if (FhirClinicalMapping.ObservationCode(code) is not { } clinical)
                {
                    SetAside(location, "code has no coding in a vocabulary Galen knows");
                    return;
                }

                var (number, text, unit) = FhirClinicalMapping.Value(value);
                if (number is null && text is null)
                {
                    SetAside(location, "the Observation has no value");
                    return;
                }

                rows.Add(Measured(clinical, number, unit));
            }

            foreach (var (concept, value) in rows)
            {
                _builder.AddMeasurement(concept, visit, when!.Value, value, category);
            }

            _sources.Add(new Source(Reference(observation), EventKinds.Measurement, when!.Value, visit));
        }

        /// <summary>The value in the model's unit for the code, as the store's timeline loader converts it (no unit: taken as given).</summary>
        private (int Concept, double Value) Measured(ClinicalCode code, double? number, string? unit)
        {
            if (!featurizer.TryGetUnit(code, out var target))
            {
                return (_builder.Concept(code), number ?? double.NaN);
            }

            int concept = _builder.Concept(code, target);
            if (number is not { } value)
            {
                return (concept, double.NaN);
            }

            var conversion = unit is null ? UnitConversion.Identity : _units.Conversion(code, unit, target);
            return (concept, conversion is { } c ? c.Apply(value) : double.NaN);
        }

        private DateTime VisitEnd(int handle) => _visits.Values.First(v => v.Handle == handle).End;

        private bool Visit(ResourceReference? encounter, string location, out int visit)
        {
            visit = -1;
            if (encounter?.Reference is null)
            {
                return true;
            }

            string? key = FhirValues.Key(encounter, "Encounter");
            if (key is null || !_visits.TryGetValue(Key(key), out var found))
            {
                SetAside(location, "encounter names an Encounter that is not in the bundle (or was set aside)");
                return false;
            }

            visit = found.Handle;
            return true;
        }

        private bool Time(string? text, string location, string field, bool required, out DateTime? time)
        {
            time = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                return !required || SetAside(location, $"{field} is missing");
            }

            if (!FhirValues.TryTicks(text, out long ticks))
            {
                return SetAside(location, $"{field} is not a FHIR date or dateTime");
            }

            if (ticks > _latestValid)
            {
                return SetAside(location, $"{field} is after the time of scoring");
            }

            time = new DateTime(ticks);
            return true;
        }

        private bool NotBeforeBirth(DateTime? time, string location) =>
            time is not { } t || t >= _birth || SetAside(location, "its time is before the patient's birth date");

        private bool SetAside(string location, string reason)
        {
            _setAside.Add($"{location}: {reason}");
            return false;
        }

        private static string Key(string? id) => id is null ? string.Empty : KeyIndex<VisitEntry>.Normalize(id);

        private static string? Reference(Resource resource) => string.IsNullOrEmpty(resource.Id) ? null : resource.TypeName + "/" + resource.Id;
    }
}
