using Galen.Data.Timeline;

namespace Galen.Data.Scoring;

/// <summary>A patient in the store, as a risk list shows them (no identifiers: the store keeps none).</summary>
/// <param name="Key">The patient's key, "p" + the store's person id.</param>
/// <param name="Sex">Administrative sex.</param>
/// <param name="AgeYears">Whole years at the latest inpatient admission, capped at 90 (Safe Harbor); null when the birth date is unknown.</param>
/// <param name="LatestAdmission">Start of the latest inpatient stay.</param>
public sealed record StoredPatient(string Key, Sex Sex, int? AgeYears, DateTime LatestAdmission);
