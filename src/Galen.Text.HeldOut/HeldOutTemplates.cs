namespace Galen.Text.HeldOut;

/// <summary>
/// The evaluation corpus's note templates: other note kinds (SOAP notes, letters, telephone
/// encounters, radiology reports, triage notes, transfer forms), other phrasing and other layouts
/// than the training corpus. Never used to build or train the detector.
/// </summary>
internal static class HeldOutTemplates
{
    public static readonly string[][] Soap =
    [
        ["PROGRESS NOTE ({ward})  {when}\nPt: {pt_last}, {pt_first} | MR# {mrn} | DOB- {dob}\n", "Clinic: {hospital}   Date/time: {when} {time}\nPatient {pt_full}, {age_text}\nChart # {mrn}\n"],
        ["S: {age_text} seen today for f/u of {disease}. Pt states {symptom} improved since {when_text}. Her {relation} {rel_full} is at bedside and helped w/ history. Denies {symptom2}.\n", "S: Pt reports ongoing {symptom}. Last seen by Dr {doc_last} on {when_text}. Son {rel_first} asks about {drug}.\n"],
        ["O: BP {bp}  P {hr}  afebrile. Lungs CTA. {Eponym} negative. Labs from {when} notable for plt 215000.\n", "O: Vitals stable. Exam unchanged from {when_text}. Incision c/d/i.\n"],
        ["A: {disease}, improving. Hx of {disease2} since {year}.\nP: cont {drug} {dose}; recheck BMP {when_short}. RTC 2 wks w/ Dr. {doc_full}.\n", "A/P:\n# {disease} - stable, cont {drug}.\n# {disease2} - pt to see {doc_full} ({specialty}) at {hospital} on {when_text}.\n"],
        ["\n{doc_full} MD ({specialty})\nPgr {phone}\n", "\nE-signed {doc_first} {doc_last}, DO {when} {time}\n"],
    ];

    public static readonly string[][] Letter =
    [
        ["{hospital}\n{street}\n{city}, {state} {zip}\nTel {phone} | Fax {fax}\n\n{when_text}\n\n", "{hospital} - Department of Medicine\n{street}, {city} {state} {zip}\n\n{when}\n\n"],
        ["Dear Dr. {doc2_last},\n\nThank you for referring {pt_title} {pt_last} (DOB {dob}, hospital no. {mrn}) whom I saw in clinic on {when_text}. ", "Dear Dr {doc2_full},\n\nI had the pleasure of seeing your patient {pt_full}, a {age_text}, on {when_text}. "],
        ["{PronounCap} was referred for {symptom} and a history of {disease}. {PronounCap} lives with {pos} {relation}, {rel_full}, at {street}, {city}.\n\n", "As you know, {pro} has had {disease} since {year} and was admitted to {hospital2} in {month_year} with {disease2}.\n\n"],
        ["On examination {pro} had {Eponym}. I have started {drug} and asked {pro} to keep a diary. ", "Investigations showed no evidence of {disease2}. I would suggest {drug} {dose}. "],
        ["I will see {obj} again on {when_text}. Please do not hesitate to contact me at {email} or on {phone}.\n\nYours sincerely,\n\n{doc_full}, MD, FACP\nNPI {npi}\n", "A copy of this letter goes to {pt_title} {pt_last} and to {hospital2}.\n\nKind regards,\n{doc_full} MBBS\nLic. # {license}\n"],
    ];

    public static readonly string[][] Phone =
    [
        ["TELEPHONE ENCOUNTER {when} {time}\nCaller: {rel_full} ({relation}) re: {pt_full}\nCall back number {phone}\n", "Phone note - {when_text}\nSpoke with pt's {relation} {rel_first} by phone ({phone}).\nPatient: {pt_full}, MR number {mrn}\n"],
        ["Reports pt has had {symptom} x2 days, no {symptom2}. Pt is {age_text} and lives alone at {street}. ", "{rel_first} states pt fell at home on {when_short} and has {symptom}. Medicaid ID {plan}. "],
        ["Advised to go to {hospital} ED. Rx for {drug} sent to {organization}, fax {fax}.\n-- {nurse_full}, RN\n", "Appt made with Dr {doc_last} for {when_text}. Portal msg sent to {email}.\n{nurse_full} LPN\n"],
    ];

    public static readonly string[][] Radiology =
    [
        ["RADIOLOGY REPORT\nAccession No: {accession}   Ordering: {doc_full}, MD\nPatient: {pt_last}, {pt_first}  MRN {mrn}  Exam date: {when}\n", "{hospital2} Imaging\nEXAM: CT CHEST W/O CONTRAST\nNAME: {pt_full}   ID {mrn}   DATE OF EXAM: {when}\n"],
        ["CLINICAL HISTORY: {age_text} with {symptom}; r/o {disease}.\nCOMPARISON: {when_text}, outside films from {hospital2}.\n", "INDICATION: {symptom}. Pacemaker in situ (S/N {serial}).\nCOMPARISON: None.\n"],
        ["FINDINGS: No focal consolidation. Heart size normal. Stable 4 mm nodule.\nIMPRESSION: No acute cardiopulmonary process.\n", "FINDINGS: Mild bibasilar atelectasis. No effusion.\nIMPRESSION: Findings may represent early {disease}.\n"],
        ["Dictated by: {doc_full}, MD {when} {time}\nImages viewable at {url}\n", "Read by Dr. {doc_last}; results called to {nurse_full} at {time} on {when_short}.\nWorkstation {ip}\n"],
    ];

    public static readonly string[][] Triage =
    [
        ["ED TRIAGE {when} {time}\n", "EMERGENCY DEPT - {hospital}\nArrival {when} {time} via EMS\n"],
        ["{age_text}, BIBA from {organization} c/o {symptom}. PMHx {disease}, {disease2}. Pt's {relation} {rel_full} ({phone}) is HCP.\n", "Pt {pt_full} ({age_text}) walked in w/ {symptom} since {when_text}. Hx {disease}.\n"],
        ["Ins: subscriber # {plan}. Acct: {account}. SSN {ssn}.\n", "Insurance: {organization2}, member id {plan}. Billing # {account}.\n"],
        ["Belongings: car keys, VIN {vin} per valet ticket. Pt has {device} S/N {serial}.\nTriage RN: {nurse_full}\n", "Allergies: {drug2}. Home meds: {drug} {dose}.\nPt drove self, license plate {plate}.\nRN {nurse_full}\n"],
    ];

    public static readonly string[][] Transfer =
    [
        ["INTER-FACILITY TRANSFER FORM\nFrom: {hospital}   To: {hospital2}\nDate: {when}\n", "TRANSFER SUMMARY\nSending facility {hospital}, receiving {hospital2} ({city})\nTransfer date {when_text}\n"],
        ["Name of patient: {pt_full}\nDate of birth: {dob}   Age: {age_num}\nAddress: {street}, {city}, {state} {zip}\nPhone: {phone}\n", "Name: {pt_first} {pt_last}\nDOB: {dob}\nHome: {street}\n{city} {state} {zip}\nEmail: {email}\n"],
        ["Next of kin: {rel_full}, {relation}, tel {phone}\nPCP: {doc_full}\nAccepting physician: Dr. {doc2_full}\n", "In case of emergency: {relation} {rel_full}\nReferring MD: {doc_full} ({specialty})\n"],
        ["Reason for transfer: {disease} requiring {specialty} care. Admitted {when_text}; {symptom} worsening since {when_short}.\nDriver's license {license}\n", "Summary: {age_text} with {disease}, course complicated by {disease2} on {when_text}. Case # {case}\n"],
    ];
}
