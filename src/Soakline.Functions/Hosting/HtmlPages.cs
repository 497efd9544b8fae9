using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using RazorSlices;

namespace Soakline.Functions.Hosting;

/// <summary>
/// The browser pages' answers: a RazorSlices template (a slice is an <see cref="IResult"/>, so both hosting modes render
/// it the same way, standalone on Kestrel and under Azure Functions through the endpoint dispatcher).
/// </summary>
internal static class HtmlPages
{
    /// <summary>
    /// Encodes what HTML needs (<c>&lt; &gt; &amp; " ' +</c>) and leaves other text readable: the pages are UTF-8, so
    /// "·", "–" or a name in another script need no character reference. Set on every slice, so a test rendering a
    /// slice to a string sees what a browser gets.
    /// </summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IResult Render(RazorSlice slice, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(slice);
        slice.HtmlEncoder = Encoder;
        slice.StatusCode = status;
        return slice;
    }
}
