namespace Galen.Text.Deid.Keys;

/// <summary>
/// One patient's de-identification keys: the secret that seeds the patient's surrogates (names,
/// places) and the number of days every date of the patient moves. Shared by notes and tables,
/// so a patient's de-identified note and rows line up.
/// </summary>
/// <param name="PatientKey">The patient's key in the source data (a subject id); never written out in clear.</param>
/// <param name="Secret">32 random bytes.</param>
/// <param name="DateShiftDays">A whole number of weeks, so weekdays are kept; never zero.</param>
public sealed record PatientSecrets(string PatientKey, byte[] Secret, int DateShiftDays);
