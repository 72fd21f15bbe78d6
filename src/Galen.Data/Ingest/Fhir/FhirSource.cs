namespace Galen.Data.Ingest.Fhir;

internal static class FhirSource
{
    public static void Ingest(IngestSession session, string folder) => throw new NotImplementedException(folder + session.RunId);
}
