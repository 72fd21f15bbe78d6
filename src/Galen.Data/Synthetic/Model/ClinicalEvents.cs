using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>A procedure performed on a date (ICD-10-PCS).</summary>
public sealed record ProcedureEvent(ClinicalCode Code, DateTime Time);

/// <summary>A prescription during an admission.</summary>
/// <param name="Drug">What is prescribed.</param>
/// <param name="Start">STARTDATE (with time).</param>
/// <param name="End">ENDDATE (with time); the discharge time for drugs continued at discharge.</param>
/// <param name="IsHomeMedication">Continued from home rather than started for this admission.</param>
public sealed record Prescription(Drug Drug, DateTime Start, DateTime End, bool IsHomeMedication);

/// <summary>A stay in the intensive care unit within an admission.</summary>
/// <param name="CareUnit">MICU, CCU, SICU or TSICU.</param>
/// <param name="InTime">INTIME.</param>
/// <param name="OutTime">OUTTIME.</param>
public sealed record IcuStay(string CareUnit, DateTime InTime, DateTime OutTime);
