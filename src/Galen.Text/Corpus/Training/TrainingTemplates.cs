namespace Galen.Text.Corpus.Training;

/// <summary>
/// The training corpus's note templates, by section. Slots are in braces; PHI slots record spans.
/// These strings train the learned layer and tune the rules; they are never used for evaluation.
/// </summary>
internal static class TrainingTemplates
{
    public static readonly string[] Headers =
    [
        "{hospital}\n{title}\n\nPatient: {patient}    MRN: {mrn}\nDOB: {dob}    Age: {age}\nAdmission Date: {date_num}    Discharge Date: {date_num}\nAttending: {clinician_full}, MD\n",
        "{title}\nName: {patient_lf}   Unit No: {mrn}   Acct #: {account}\nDate of Service: {date}\nPCP: Dr. {clinician_last}\n",
        "{hospital} - {title}\nPatient Name: {patient}\nMedical Record Number: {mrn}\nVisit date: {date_text}\nProvider: {clinician_full}, NP\n",
        "{title}\nRE: {patient}  DOB {dob}\nSSN: {ssn}\nInsurance: Member ID {plan}\nSeen on {date_num} at {hospital}\n",
        "{title} -- {date_num}\n{patient} ({age} y/o {sex}) MRN {mrn}\nReferring physician: Dr. {clinician_full}\n",
    ];

    public static readonly string[] ChiefComplaint =
    [
        "\nCHIEF COMPLAINT: {symptom}\n",
        "\nChief Complaint:\n{symptom} for {duration}\n",
        "\nCC: {symptom} and {symptom2}\n",
    ];

    public static readonly string[] History =
    [
        "\nHISTORY OF PRESENT ILLNESS:\n{patient} is a {age}-year-old {sex} with a history of {disease} and {disease2} who presents with {symptom} that began on {date}. {Pronoun} was seen at {hospital} on {date_text} and started on {drug}. {Pronoun} denies {symptom2}.\n",
        "\nHPI: Mr. {patient_last} is a {age} yo {sex} with {disease} who was in his usual state of health until {date_text}, when he developed {symptom}. His {relation} {relative} brought him to the emergency department. No {symptom2}.\n",
        "\nHistory of Present Illness:\nMs. {patient_last} is a pleasant {age} year old woman known to Dr. {clinician_last} for {disease}. She reports {symptom} over the past {duration}. She was last admitted on {date_num} for {disease2}. Her {eponym} was noted on exam.\n",
        "\nHPI: {age}M with {disease}, s/p {eponym}, presenting with {symptom} x {duration}. Seen by Dr. {clinician_last} in clinic on {date_short}.\n",
        "\nThe patient, {patient}, reports {symptom} starting {date_phrase}. {Pronoun} has a history of {disease} diagnosed in {year}.\n",
    ];

    public static readonly string[] PastHistory =
    [
        "\nPAST MEDICAL HISTORY:\n1. {disease}\n2. {disease2}, diagnosed {year}\n3. {eponym}\n",
        "\nPMH: {disease}; {disease2}; s/p surgery at {hospital} in {year}.\n",
        "\nPast Medical History: {disease}, {disease2}. Followed by {clinician_full}, MD at {hospital}.\n",
    ];

    public static readonly string[] Medications =
    [
        "\nMEDICATIONS:\n1. {drug} {dose} daily\n2. {drug2} {dose} twice daily\n",
        "\nMedications on admission: {drug} {dose} PO daily, {drug2} {dose} PRN.\nPharmacy: {organization}, phone {phone}\n",
        "\nMeds: {drug} {dose}; {drug2} {dose}. Refilled on {date_short} by Dr. {clinician_last}.\n",
    ];

    public static readonly string[] Allergies =
    [
        "\nALLERGIES: {drug} (rash)\n",
        "\nAllergies: No known drug allergies.\n",
        "\nAllergies: {drug2} - hives\n",
    ];

    public static readonly string[] FamilyHistory =
    [
        "\nFAMILY HISTORY: Mother with {disease}. Father died of {disease2} at age {age_parent}.\n",
        "\nFamily History: {relation} {relative} has {disease}. No family history of {disease2}.\n",
    ];

    public static readonly string[] SocialHistory =
    [
        "\nSOCIAL HISTORY: Lives at {street}, {city}, {state} {zip} with {possessive} {relation}, {relative}. {Pronoun} {employer}. Denies tobacco.\n",
        "\nSocial History: Lives in {city} with {relative} ({relation}). Contact: {phone}. Email {email}.\n",
        "\nSocial: {Pronoun} {employer}. Drives a car, plate {plate}. Former smoker, quit in {year}.\n",
        "\nSOCIAL HISTORY: Resides at {street}\n{city}, {state} {zip}\nHome phone: {phone}. Emergency contact: {relative} ({relation}) {phone}.\n",
    ];

    public static readonly string[] Exam =
    [
        "\nPHYSICAL EXAM:\nVitals: T 37.2, HR {hr}, BP {bp}, RR 18, SpO2 96% on RA.\nGeneral: alert, in no distress.\nLungs: clear bilaterally.\nHeart: regular rate and rhythm.\n",
        "\nExam: BP {bp}, HR {hr}. Abdomen soft, nontender. Extremities without edema.\n",
        "\nPhysical Examination: Afebrile. Pulse {hr}. Lungs with crackles at the bases. {Eponym} absent.\n",
    ];

    public static readonly string[] Results =
    [
        "\nLABS: WBC 11.2, Hgb 10.1, Plt 250, Na 138, K 4.1, Cr 1.2 ({date_short}).\n",
        "\nImaging: Chest x-ray on {date_num} showed no acute process. Read by Dr. {clinician_full}.\n",
        "\nDevice: {device_kind} serial number {device}, interrogated on {date_text}.\n",
        "\nRecords requested from {hospital}, fax {fax}. Results available at {url}.\n",
    ];

    public static readonly string[] Assessment =
    [
        "\nASSESSMENT AND PLAN:\n{age}-year-old {sex} with {disease}, admitted for {symptom}.\n1. {disease}: continue {drug}.\n2. {disease2}: start {drug2} {dose}.\nFollow up with Dr. {clinician_last} on {date_text}.\n",
        "\nAssessment/Plan: {disease}, stable. Continue current regimen. Return to clinic in {duration}. Discussed with {relative}, {possessive} {relation}.\n",
        "\nA/P: Likely {disease}. Rule out {disease2}. Check labs on {date_short}. Call {phone} with questions.\n",
        "\nPLAN: Discharge home with {relative}. Follow up at {hospital} with {clinician_full}, MD on {date}. Pharmacy: {organization}.\n",
    ];

    public static readonly string[] Footers =
    [
        "\n\n{clinician_full}, MD\nDictated: {date_num} {time}\nTranscribed by: {clinician2_full}\n",
        "\n\nElectronically signed by {clinician_full}, MD on {date_num}\ncc: Dr. {clinician2_last}, {hospital}\n",
        "\n\nSigned: Dr. {clinician_last}\nPager {phone}\nEmail: {clinician_email}\n",
        "\n\nNote written by {clinician_full}, RN. Portal access logged from IP {ip}. Patient account {account}.\n",
        "\n\n-- {clinician_full}, PA-C | {hospital} | Fax: {fax}\nDEA # {license}\n",
    ];
}
