using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>The ICD-10-PCS procedures the synthetic hospital performs (real codes).</summary>
public static class ProcedureCatalog
{
    private static ClinicalCode Pcs(string code, string display) => new(CodeSystems.Icd10Pcs, code, display);

    public static readonly ClinicalCode Intubation = Pcs("0BH17EZ", "Insertion of Endotracheal Airway into Trachea, Via Natural or Artificial Opening");
    public static readonly ClinicalCode CentralLine = Pcs("02HV33Z", "Insertion of Infusion Device into Superior Vena Cava, Percutaneous Approach");
    public static readonly ClinicalCode LeftHeartCath = Pcs("4A023N7", "Measurement of Cardiac Sampling and Pressure, Left Heart, Percutaneous Approach");
    public static readonly ClinicalCode CoronaryAngiography = Pcs("B2111ZZ", "Fluoroscopy of Multiple Coronary Arteries using Low Osmolar Contrast");
    public static readonly ClinicalCode CoronaryStent = Pcs("027034Z", "Dilation of Coronary Artery, One Artery with Drug-eluting Intraluminal Device, Percutaneous Approach");
    public static readonly ClinicalCode UpperEndoscopy = Pcs("0DJ08ZZ", "Inspection of Upper Intestinal Tract, Via Natural or Artificial Opening Endoscopic");
    public static readonly ClinicalCode RedCellTransfusion = Pcs("30233N1", "Transfusion of Nonautologous Red Blood Cells into Peripheral Vein, Percutaneous Approach");
    public static readonly ClinicalCode Hemodialysis = Pcs("5A1D70Z", "Performance of Urinary Filtration, Intermittent, Less than 6 Hours Per Day");
    public static readonly ClinicalCode RightHipFixation = Pcs("0QS604Z", "Reposition Right Upper Femur with Internal Fixation Device, Open Approach");
    public static readonly ClinicalCode LeftHipFixation = Pcs("0QS704Z", "Reposition Left Upper Femur with Internal Fixation Device, Open Approach");
    public static readonly ClinicalCode RightKneeReplacement = Pcs("0SRC0J9", "Replacement of Right Knee Joint with Synthetic Substitute, Cemented, Open Approach");
    public static readonly ClinicalCode LeftKneeReplacement = Pcs("0SRD0J9", "Replacement of Left Knee Joint with Synthetic Substitute, Cemented, Open Approach");
    public static readonly ClinicalCode SigmoidResection = Pcs("0DTN0ZZ", "Resection of Sigmoid Colon, Open Approach");
    public static readonly ClinicalCode HeadCt = Pcs("B020ZZZ", "Computerized Tomography (CT Scan) of Brain");
    public static readonly ClinicalCode ChestXray = Pcs("BW03ZZZ", "Plain Radiography of Chest");
    public static readonly ClinicalCode Echocardiogram = Pcs("B246ZZZ", "Ultrasonography of Right and Left Heart");
    public static readonly ClinicalCode Thrombolysis = Pcs("3E03317", "Introduction of Other Thrombolytic into Peripheral Vein, Percutaneous Approach");

    /// <summary>Every procedure code, for the knowledge and concept files.</summary>
    public static IReadOnlyList<ClinicalCode> All { get; } =
    [
        Intubation, CentralLine, LeftHeartCath, CoronaryAngiography, CoronaryStent, UpperEndoscopy, RedCellTransfusion,
        Hemodialysis, RightHipFixation, LeftHipFixation, RightKneeReplacement, LeftKneeReplacement, SigmoidResection,
        HeadCt, ChestXray, Echocardiogram, Thrombolysis,
    ];
}
