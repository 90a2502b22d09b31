using System.Runtime.InteropServices;

namespace Sonic.Media.Speech;

/// <summary>
/// The few calls of libespeak-ng (Debian <c>libespeak-ng1</c>, <c>speak_lib.h</c>) that synthesis needs: synchronous
/// output into a callback that receives the samples and the events (word starts with their character position in the
/// text and their time in the audio). The library keeps global state, so callers serialise on one lock.
/// </summary>
internal static partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int InitializeDontExit = 0x8000;
    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const uint Ssml = 0x10;
    public const uint EndPause = 0x1000;
    public const int ParameterRate = 1;
    public const int EventListTerminated = 0;
    public const int EventWord = 1;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int SynthCallback(IntPtr wav, int samples, IntPtr events);

    /// <summary>One <c>espeak_EVENT</c> (x64 layout): what the callback's array holds, ended by type 0.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Event
    {
        public int Type;
        public uint UniqueIdentifier;
        public int TextPosition;
        public int Length;
        public int AudioPosition;
        public int Sample;
        public IntPtr UserData;
        public IntPtr Id;
    }

    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferLength, string? path, int options);

    /// <summary>Takes a function pointer from <see cref="Marshal.GetFunctionPointerForDelegate{T}(T)"/> of a <see cref="SynthCallback"/>.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(IntPtr callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte[] text, nuint size, uint position, int positionType, uint endPosition, uint flags, IntPtr uniqueIdentifier, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "espeak_Synchronize")]
    public static partial int Synchronize();
}
