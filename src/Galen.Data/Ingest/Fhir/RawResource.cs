namespace Galen.Data.Ingest.Fhir;

/// <summary>One resource's JSON as found in a file, with where it was.</summary>
/// <param name="Json">The resource object's UTF-8 JSON (valid until the reader moves on).</param>
/// <param name="Line">NDJSON line, when the file has one resource per line.</param>
/// <param name="Entry">Bundle entry number (1-based), when the file is a Bundle.</param>
/// <param name="Problem">Why this place could not be read as a resource (malformed JSON), or null.</param>
internal readonly record struct RawResource(ReadOnlyMemory<byte> Json, long? Line, long? Entry, string? Problem);
