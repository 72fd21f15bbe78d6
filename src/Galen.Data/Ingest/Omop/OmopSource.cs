namespace Galen.Data.Ingest.Omop;

internal static class OmopSource
{
    public static void Ingest(IngestSession session, string folder) => throw new NotImplementedException(folder + session.RunId);
}
