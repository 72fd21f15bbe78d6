using System.Text.Json;

namespace Galen.Data.Ingest.Fhir;

/// <summary>Small scans of raw FHIR JSON that need no full parse.</summary>
internal static class FhirJson
{
    /// <summary>Finds the "resource" object inside a Bundle entry object.</summary>
    public static bool EntryResource(ReadOnlySpan<byte> entry, out int offset, out int length)
    {
        offset = length = 0;
        var reader = new Utf8JsonReader(entry);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resource"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                offset = (int)reader.TokenStartIndex;
                reader.Skip();
                length = (int)reader.BytesConsumed - offset;
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The top-level "resourceType" of a resource, or null.</summary>
    public static string? ResourceType(ReadOnlySpan<byte> resource)
    {
        try
        {
            var reader = new Utf8JsonReader(resource);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller quarantines it when it tries to read it.
        }

        return null;
    }
}
