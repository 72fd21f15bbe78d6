using Galen.Core.Clinical;
using Galen.Data.Store;
using Galen.Data.Timeline;

namespace Galen.Data.Tests.Timeline;

public sealed class TimelineTests
{
    private static Patient PatientOne(PatientTimelines timelines) => timelines.Single(p => p.PersonId == 1);

    private static double LastValue(Patient patient, string loinc, DateTime before) =>
        patient.MeasurementsBetween(DateTime.MinValue, before).ToArray().Last(m => patient.Codes.Code(m.ConceptId) == new ClinicalCode(CodeSystems.Loinc, loinc)).Value;

    [Fact]
    public void Visits_come_in_time_order_with_death_and_demographics()
    {
        using var store = TestData.TinyStore();
        var timelines = store.LoadTimelines();
        var patient = PatientOne(timelines);

        Assert.Equal(3, timelines.Count);
        Assert.Equal("p1", patient.Key);
        Assert.Equal(Sex.Female, patient.Sex);
        Assert.Equal("WHITE", patient.Ethnicity);
        Assert.Equal(new DateTime(1950, 3, 1), patient.BirthTime);
        Assert.Equal([new DateTime(2015, 1, 1, 8, 0, 0), new DateTime(2015, 1, 20, 10, 0, 0), new DateTime(2015, 6, 1)], patient.Visits.ToArray().Select(v => v.Start));
        Assert.Equal([false, false, true], patient.Visits.ToArray().Select(v => v.DiedInHospital));
        Assert.Equal(new DateTime(2015, 6, 3, 6, 0, 0), patient.DeathTime); // the admission's exact time beats the date of death
        Assert.Equal(new DateTime(2017, 2, 20, 9, 30, 0), timelines.DataEnd);
    }

    [Fact]
    public void Measurement_values_are_brought_to_one_unit_per_code()
    {
        using var store = TestData.TinyStore();
        var patient = PatientOne(store.LoadTimelines());

        Assert.Equal(159.1 / 88.4, LastValue(patient, "2160-0", new DateTime(2015, 1, 22)), 3); // µmol/L → mg/dL (molar mass 113.12 g/mol)
        Assert.Equal((0.09148 * 75) + 2.152, LastValue(patient, "4548-4", new DateTime(2015, 6, 2)), 6); // mmol/mol → %
        Assert.Equal(10 * 18.016, LastValue(patient, "2345-7", new DateTime(2015, 6, 2)), 6); // mmol/L → mg/dL
        Assert.Equal(38.0, LastValue(patient, "8310-5", new DateTime(2015, 1, 2)), 6); // ?F (MIMIC's °F) → °C
        var codes = patient.Codes;
        Assert.Equal("Cel", codes.UnitOf(codes.Find(CodeSystems.Loinc, ["8310-5"]).Single()));
        Assert.All(store.MeasurementUnits(), u => Assert.True(u.Convertible, u.ToString()));
    }

    [Fact]
    public void A_text_result_is_kept_as_an_event_without_a_number()
    {
        using var store = TestData.TinyStore();
        var patient = store.LoadTimelines().Single(p => p.PersonId == 2);

        var negative = Assert.Single(patient.Measurements.ToArray());
        Assert.True(double.IsNaN(negative.Value));
        Assert.Equal(1, StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE value_source_value = 'NEG'"));
    }

    [Fact]
    public void Undated_codes_become_known_at_the_end_of_their_visit()
    {
        using var store = TestData.TinyStore();
        var patient = PatientOne(store.LoadTimelines());

        var firstVisitEnd = patient.Visits[0].End;
        Assert.All(patient.Conditions.ToArray().Where(c => c.Visit == 0), c => Assert.Equal(firstVisitEnd, c.KnownAt));
        var dated = patient.Procedures.ToArray().Single(p => p.Visit == 0);
        Assert.Equal(new DateTime(2015, 1, 2), dated.Time);
        var undated = patient.Procedures.ToArray().Single(p => p.Visit == 2);
        Assert.Null(undated.Time);
        Assert.Equal(patient.Visits[2].End, undated.KnownAt);
    }

    [Fact]
    public void Events_by_kind_and_window_are_in_time_order()
    {
        using var store = TestData.TinyStore();
        var patient = PatientOne(store.LoadTimelines());

        var events = patient.Events(EventKinds.Measurement | EventKinds.Drug, new DateTime(2015, 1, 1), new DateTime(2015, 1, 2, 12, 0, 0));

        Assert.Equal(10, events.Count);
        Assert.Equal(events.OrderBy(e => e.Time).Select(e => e.Time), events.Select(e => e.Time));
        Assert.Equal(2, events.Count(e => e.Kind == EventKinds.Drug));
        Assert.Empty(patient.Events(EventKinds.Condition, new DateTime(2015, 1, 1), new DateTime(2015, 1, 5, 11, 0, 0)));
        Assert.Equal(2, patient.Events(EventKinds.Condition, new DateTime(2015, 1, 1), new DateTime(2015, 1, 5, 12, 0, 0)).Count);
    }

    [Fact]
    public void Batches_split_patients_and_together_hold_them_all()
    {
        using var store = TestData.TinyStore();

        var batches = store.Timelines(new TimelineOptions { BatchSize = 2 }).ToList();

        Assert.Equal([2, 1], batches.Select(b => b.Count));
        Assert.Equal(store.LoadTimelines().Sum(p => p.Measurements.Length), batches.Sum(b => b.Sum(p => p.Measurements.Length)));
    }

    [Fact]
    public void Notes_load_only_when_asked()
    {
        using var store = TestData.TinyStore();

        Assert.Empty(PatientOne(store.LoadTimelines()).Notes.ToArray());
        var note = Assert.Single(PatientOne(store.LoadTimelines(new TimelineOptions { IncludeNotes = true })).Notes.ToArray());
        Assert.Contains("\"I feel better\"", note.Text, StringComparison.Ordinal);
        Assert.Contains('\n', note.Text);
    }
}
