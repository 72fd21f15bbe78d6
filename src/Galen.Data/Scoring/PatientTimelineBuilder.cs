using Galen.Core.Clinical;
using Galen.Data.Store;
using Galen.Data.Timeline;

namespace Galen.Data.Scoring;

/// <summary>
/// Builds one patient's timeline in memory — the same <see cref="Patient"/> type the store's
/// timeline loader makes, with its own small code table — so that tasks and their featurizer run
/// on a patient who is not in any store (a FHIR Bundle sent for scoring). Events are ordered the
/// way the loader orders them: visits by start, codes by when they are known, drugs by start and
/// measurements by time, ties in the order added.
/// </summary>
public sealed class PatientTimelineBuilder
{
    private readonly List<ClinicalCode?> _codes = [null];
    private readonly List<string?> _units = [null];
    private readonly Dictionary<ClinicalCode, int> _ids = [];
    private readonly List<Visit> _visits = [];
    private readonly List<(int Concept, int Visit, DateTime? Time)> _conditions = [];
    private readonly List<(int Concept, int Visit, DateTime? Time)> _procedures = [];
    private readonly List<(int Concept, int Atc, int Visit, DateTime Start, DateTime? End)> _drugs = [];
    private readonly List<(int Concept, int Visit, DateTime Time, double Value, MeasurementCategory Category)> _measurements = [];
    private Sex _sex;
    private DateTime? _birth;
    private DateTime? _death;
    private string? _ethnicity;

    /// <summary>The concept id of <paramref name="code"/> in this patient's code table, added on first use with its canonical <paramref name="unit"/>.</summary>
    public int Concept(ClinicalCode code, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!_ids.TryGetValue(code, out int id))
        {
            id = _codes.Count;
            _codes.Add(code);
            _units.Add(unit);
            _ids[code] = id;
        }

        return id;
    }

    /// <summary>Sex, birth time, ethnicity (an attribute, not a feature) and death time.</summary>
    public PatientTimelineBuilder Demographics(Sex sex, DateTime? birth, string? ethnicity = null, DateTime? death = null)
    {
        _sex = sex;
        _birth = birth;
        _ethnicity = ethnicity;
        _death = death;
        return this;
    }

    /// <summary>Adds a visit; the handle it returns names the visit in later events.</summary>
    public int AddVisit(DateTime start, DateTime end, bool inpatient, bool diedInHospital = false, string? admissionType = null)
    {
        _visits.Add(new Visit(_visits.Count + 1, start, end, inpatient, diedInHospital, admissionType));
        return _visits.Count - 1;
    }

    /// <summary>A diagnosis; <paramref name="time"/> null means "known when its visit ends".</summary>
    public void AddCondition(int concept, int visit, DateTime? time) => _conditions.Add((concept, CheckVisit(visit), time));

    /// <summary>A procedure; <paramref name="time"/> null means "known when its visit ends".</summary>
    public void AddProcedure(int concept, int visit, DateTime? time) => _procedures.Add((concept, CheckVisit(visit), time));

    /// <summary>A drug exposure; <paramref name="atcConcept"/> is -1 when the drug has no ATC code.</summary>
    public void AddDrug(int concept, int atcConcept, int visit, DateTime start, DateTime? end) => _drugs.Add((concept, atcConcept, CheckVisit(visit), start, end));

    /// <summary>A lab result or vital sign, its value already in the code's canonical unit (NaN when not numeric).</summary>
    public void AddMeasurement(int concept, int visit, DateTime time, double value, MeasurementCategory category) =>
        _measurements.Add((concept, CheckVisit(visit), time, value, category));

    /// <summary>
    /// The patient's timeline. <paramref name="personId"/> gives its key ("p" + id);
    /// <paramref name="dataEnd"/> is the end of follow-up tasks censor at.
    /// </summary>
    public Patient Build(long personId, DateTime dataEnd)
    {
        // Visits by start, ties in the order added (the loader orders by start, then visit id).
        var order = Enumerable.Range(0, _visits.Count).OrderBy(v => _visits[v].Start).ThenBy(v => v).ToArray();
        var local = new int[_visits.Count];
        for (int i = 0; i < order.Length; i++)
        {
            local[order[i]] = i;
        }

        var visits = order.Select(v => _visits[v]).ToArray();
        int Local(int handle) => handle < 0 ? -1 : local[handle];
        DateTime KnownAt(int visit, DateTime? time) => time ?? (visit >= 0 ? visits[visit].End : DateTime.MaxValue);

        var conditions = _conditions.Select(c => new ConditionEvent(c.Concept, Local(c.Visit), c.Time, KnownAt(Local(c.Visit), c.Time))).OrderBy(c => c.KnownAt).ToArray();
        var procedures = _procedures.Select(p => new ProcedureEvent(p.Concept, Local(p.Visit), p.Time, KnownAt(Local(p.Visit), p.Time))).OrderBy(p => p.KnownAt).ToArray();
        var drugs = _drugs.Select(d => new DrugEvent(d.Concept, d.Atc, Local(d.Visit), d.Start, d.End)).OrderBy(d => d.Start).ToArray();
        var measurements = _measurements.Select(m => new MeasurementEvent(m.Concept, Local(m.Visit), m.Time, m.Value, m.Category)).OrderBy(m => m.Time).ToArray();
        var codes = new CodeTable([.. _codes], [.. _units]);
        var columns = new PatientColumns(
            [personId], [_sex], [_birth], [_ethnicity], [_death],
            visits, [0, visits.Length],
            conditions, [0, conditions.Length],
            procedures, [0, procedures.Length],
            drugs, [0, drugs.Length],
            measurements, [0, measurements.Length],
            [], [0, 0]);
        return new PatientTimelines(codes, dataEnd, columns)[0];
    }

    private int CheckVisit(int visit) =>
        visit >= -1 && visit < _visits.Count ? visit : throw new ArgumentOutOfRangeException(nameof(visit), visit, "not a visit handle from AddVisit (or -1 for none)");
}
