using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace Galen.Data.Synthetic.Output;

/// <summary>How FHIR output is laid out on disk.</summary>
public enum FhirLayout
{
    /// <summary>Bulk-export NDJSON: one file per resource type, one resource per line.</summary>
    Ndjson,

    /// <summary>One transaction Bundle per patient (bundles/{subject_id}.json), entries PUT by id.</summary>
    Bundles,
}

/// <summary>
/// Writes FHIR R4 resources with the Firely SDK's POCOs and serializer (docs/data-formats.md):
/// Patient, Encounter, Condition, Procedure, MedicationRequest, Observation (laboratory and
/// vital-signs) and DocumentReference (notes as base64 text/plain). Times carry "Z": the
/// hospital's clock is written as UTC, so they equal the CSV timestamps.
/// </summary>
public sealed class FhirWriter(string directory, FhirLayout layout = FhirLayout.Ndjson) : HospitalDirectoryWriter(directory, compress: false)
{
    /// <summary>System of the hospital's medical record numbers.</summary>
    public const string MrnSystem = "urn:galen:synthetic-hospital:mrn";

    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string Ucum = "http://unitsofmeasure.org";

    private static readonly string[] ResourceTypes = ["Patient", "Encounter", "Condition", "Procedure", "MedicationRequest", "Observation", "DocumentReference"];

    private const int ConditionIds = 0;
    private const int ProcedureIds = 1;
    private const int MedicationIds = 2;
    private const int ObservationIds = 3;

    /// <summary>Files, not HTML: no need to escape '+', '&lt;' or non-ASCII letters.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ThreadLocal<BaseFhirJsonSerializer> Serializers = new(() => new BaseFhirJsonSerializer(ModelInfo.ModelInspector));

    private long _bundles;
    private long _bundleBytes;

    public FhirLayout Layout { get; } = layout;

    protected override string FormatName => "fhir";

    private protected override IReadOnlyList<TableFile> FormatTables =>
        Layout == FhirLayout.Ndjson ? ResourceTypes.Select(t => new TableFile(t + ".ndjson", null, Compressible: false)).ToArray() : [];

    private protected override int IdKinds => 4;

    private protected override void CountIds(SyntheticPatient patient, Span<long> counts)
    {
        foreach (var a in patient.Admissions)
        {
            counts[ConditionIds] += a.Diagnoses.Count;
            counts[ProcedureIds] += a.Procedures.Count;
            counts[MedicationIds] += a.Prescriptions.Count;
            counts[ObservationIds] += a.Labs.Count + a.Vitals.Count;
        }

        counts[ObservationIds] += patient.OutpatientLabs.Count;
    }

    private protected override IEnumerable<OutputFileInfo> ExtraFiles() =>
        Layout == FhirLayout.Bundles ? [new OutputFileInfo("bundles/*.json", _bundles, _bundleBytes)] : [];

    private protected override void Render(SyntheticPatient patient, Utf8Rows[] rows, ReadOnlySpan<long> firstIds)
    {
        var resources = Resources(patient, firstIds.ToArray());
        var serializer = Serializers.Value!;
        if (Layout == FhirLayout.Ndjson)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            foreach (var resource in resources)
            {
                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    serializer.Serialize(resource, json);
                }

                rows[Array.IndexOf(ResourceTypes, resource.TypeName)].Line(buffer.WrittenSpan);
            }

            return;
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Transaction, Id = patient.SubjectId.ToString(CultureInfo.InvariantCulture) };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = resource.TypeName + "/" + resource.Id },
            });
        }

        string path = Path.Combine(OutputDirectory, "bundles", patient.SubjectId.ToString(CultureInfo.InvariantCulture) + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var json = new Utf8JsonWriter(file, WriterOptions))
        {
            serializer.Serialize(bundle, json);
            json.Flush();
            Interlocked.Add(ref _bundleBytes, file.Length);
        }

        Interlocked.Increment(ref _bundles);
    }

    /// <summary>Every resource of one patient, in a fixed order.</summary>
    private static List<Resource> Resources(SyntheticPatient patient, long[] firstIds)
    {
        string subject = "Patient/" + Id(patient.SubjectId);
        var list = new List<Resource> { PatientResource(patient) };
        long conditionId = firstIds[ConditionIds];
        long procedureId = firstIds[ProcedureIds];
        long medicationId = firstIds[MedicationIds];
        long observationId = firstIds[ObservationIds];
        foreach (var a in patient.Admissions)
        {
            string encounter = "Encounter/" + Id(a.HadmId);
            var conditions = new List<Resource>();
            var encounterResource = EncounterResource(a, subject);
            for (int i = 0; i < a.Diagnoses.Count; i++)
            {
                string id = Id(conditionId++);
                var code = a.Diagnoses[i];
                conditions.Add(new Condition
                {
                    Id = id,
                    Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")],
                    Code = Concept(code),
                    Subject = new ResourceReference(subject),
                    Encounter = new ResourceReference(encounter),
                    Onset = Time(a.AdmitTime),
                    RecordedDateElement = Time(a.DischargeTime),
                });
                encounterResource.Diagnosis.Add(new Encounter.DiagnosisComponent { Condition = new ResourceReference("Condition/" + id), Rank = i + 1 });
            }

            list.Add(encounterResource);
            list.AddRange(conditions);
            foreach (var p in a.Procedures)
            {
                list.Add(new Procedure
                {
                    Id = Id(procedureId++),
                    Status = EventStatus.Completed,
                    Code = Concept(p.Code),
                    Subject = new ResourceReference(subject),
                    Encounter = new ResourceReference(encounter),
                    Performed = Time(p.Time),
                });
            }

            foreach (var p in a.Prescriptions)
            {
                list.Add(MedicationResource(Id(medicationId++), p, subject, encounter));
            }

            foreach (var m in a.Labs)
            {
                list.Add(ObservationResource(Id(observationId++), m, subject, encounter));
            }

            foreach (var m in a.Vitals)
            {
                list.Add(ObservationResource(Id(observationId++), m, subject, encounter));
            }

            foreach (var note in a.Notes)
            {
                list.Add(DocumentResource(note, subject, encounter));
            }
        }

        foreach (var m in patient.OutpatientLabs)
        {
            list.Add(ObservationResource(Id(observationId++), m, subject, null));
        }

        return list;
    }

    private static FhirPatient PatientResource(SyntheticPatient p)
    {
        var id = p.Identity;
        var resource = new FhirPatient
        {
            Id = Id(p.SubjectId),
            Identifier =
            [
                new Identifier(MrnSystem, id.Mrn) { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR") },
                new Identifier("http://hl7.org/fhir/sid/us-ssn", id.Ssn) { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "SS") },
            ],
            Name = [new HumanName { Family = id.LastName, Given = [id.FirstName, id.MiddleInitial], Use = HumanName.NameUse.Official }],
            Telecom =
            [
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, id.HomePhone),
                new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, id.Email),
            ],
            Gender = p.Sex == "M" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [new Address { Line = [id.Street], City = id.City, State = id.State, PostalCode = id.Zip, Country = "US" }],
        };
        if (p.DeathTime is { } death)
        {
            resource.Deceased = Time(death);
        }

        resource.Extension.Add(new Extension { Url = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", Extension = [new Extension("text", new FhirString(p.Ethnicity))] });
        return resource;
    }

    private static Encounter EncounterResource(SyntheticAdmission a, string subject)
    {
        var (admitCode, admitDisplay) = a.AdmissionLocation switch
        {
            "EMERGENCY ROOM" => ("emd", "From accident/emergency department"),
            "TRANSFER FROM HOSPITAL" => ("hosp-trans", "Transferred from other hospital"),
            "CLINIC REFERRAL" => ("outp", "From outpatient department"),
            _ => ("mp", "Medical Practitioner/physician referral"),
        };
        var (dischargeCode, dischargeDisplay) = a.DischargeLocation switch
        {
            "DIED" => ("exp", "Expired"),
            "SKILLED NURSING FACILITY" => ("snf", "Skilled nursing facility"),
            "REHAB" => ("rehab", "Rehabilitation"),
            _ => ("home", "Home"),
        };
        var (priorityCode, priorityDisplay) = a.AdmissionType switch
        {
            "ELECTIVE" => ("EL", "elective"),
            "URGENT" => ("UR", "urgent"),
            _ => ("EM", "emergency"),
        };
        return new Encounter
        {
            Id = Id(a.HadmId),
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"),
            Priority = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActPriority", priorityCode, priorityDisplay, a.AdmissionType),
            Subject = new ResourceReference(subject),
            Period = new Period(Time(a.AdmitTime), Time(a.DischargeTime)),
            Hospitalization = new Encounter.HospitalizationComponent
            {
                AdmitSource = new CodeableConcept("http://terminology.hl7.org/CodeSystem/admit-source", admitCode, admitDisplay, a.AdmissionLocation),
                DischargeDisposition = new CodeableConcept("http://terminology.hl7.org/CodeSystem/discharge-disposition", dischargeCode, dischargeDisplay, a.DischargeLocation),
            },
        };
    }

    private static MedicationRequest MedicationResource(string id, Prescription p, string subject, string encounter)
    {
        var drug = p.Drug;
        var concept = new CodeableConcept { Text = drug.Name };
        if (drug.RxNormCode is { } rx)
        {
            concept.Coding.Add(Coding(rx));
        }

        concept.Coding.Add(Coding(drug.AtcCode));
        return new MedicationRequest
        {
            Id = id,
            Status = MedicationRequest.MedicationrequestStatus.Completed,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = concept,
            Subject = new ResourceReference(subject),
            Encounter = new ResourceReference(encounter),
            AuthoredOnElement = Time(p.Start),
            DosageInstruction =
            [
                new Dosage
                {
                    Text = string.Create(CultureInfo.InvariantCulture, $"{drug.Dose:0.###} {drug.DoseUnit} {drug.Route} {drug.Frequency}"),
                    Route = new CodeableConcept { Text = drug.Route },
                    Timing = new Timing { Repeat = new Timing.RepeatComponent { Bounds = new Period(Time(p.Start), Time(p.End)) } },
                    DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = (decimal)drug.Dose, Unit = drug.DoseUnit } }],
                },
            ],
        };
    }

    private static Observation ObservationResource(string id, Measurement m, string subject, string? encounter)
    {
        var info = AnalyteCatalog.Get(m.Analyte);
        var code = new CodeableConcept();
        code.Coding.Add(new Coding("http://loinc.org", info.Loinc, info.LoincName));
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategory, info.IsVitalSign ? "vital-signs" : "laboratory")],
            Code = code,
            Subject = new ResourceReference(subject),
            Effective = Time(m.Time),
        };
        if (encounter is not null)
        {
            observation.Encounter = new ResourceReference(encounter);
        }

        // A result below the detection limit is a Quantity with comparator "<" (FHIR's form of MIMIC's "<0.01").
        observation.Value = m.IsCensored
            ? new Quantity { Comparator = Quantity.QuantityComparator.LessThan, Value = decimal.Parse(m.Value.ToString("F" + info.Decimals, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), Unit = info.Unit.Length > 0 ? info.Unit : null, System = Ucum, Code = info.Ucum }
            : new Quantity { Value = decimal.Round((decimal)m.Value, info.Decimals), Unit = info.Unit.Length > 0 ? info.Unit : null, System = Ucum, Code = info.Ucum };
        return observation;
    }

    private static DocumentReference DocumentResource(ClinicalNote note, string subject, string encounter)
    {
        bool discharge = note.Kind != "admission";
        return new DocumentReference
        {
            Id = Id(note.NoteId),
            Status = DocumentReferenceStatus.Current,
            Type = new CodeableConcept("http://loinc.org", discharge ? "18842-5" : "34117-2", discharge ? "Discharge summary" : "History and physical note", note.Category),
            Subject = new ResourceReference(subject),
            DateElement = new Instant(new DateTimeOffset(note.Time, TimeSpan.Zero)),
            Description = note.Description,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment { ContentType = "text/plain", Data = System.Text.Encoding.UTF8.GetBytes(note.Text), Title = note.Description },
                },
            ],
            Context = new DocumentReference.ContextComponent { Encounter = [new ResourceReference(encounter)] },
        };
    }

    private static CodeableConcept Concept(ClinicalCode code) => new() { Coding = [Coding(code)], Text = code.Display };

    private static Coding Coding(ClinicalCode code) => new(CodeSystems.ToFhirUri(code.System), code.Code, code.Display);

    private static FhirDateTime Time(DateTime time) => new(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
