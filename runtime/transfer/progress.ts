/**
 * vcd-codegen runtime, transfer: what a transfer reports as it goes.
 */

/** One report: after each piece of a file, and when the server's count of a file was read. */
export interface TransferProgress {
  /** The file being moved (`descriptor.ovf`, `disk1.vmdk`, `file` for a media image). */
  readonly file: string;
  /** Bytes of that file sent and confirmed by a 2xx (uploads), or written to the sink (downloads). */
  readonly fileBytes: number;
  /** That file's size, when known. */
  readonly fileSize: number | undefined;
  /** Bytes of all the transfer's files so far, and their total (when every size is known). */
  readonly bytes: number;
  readonly total: number | undefined;
  /**
   * Uploads: the file's `bytesTransferred` as the server said it (the `File` of the template or
   * media, read on a resume and once the file is sent, where the entity still lists it: the
   * file's last report); undefined in the reports of the pieces.
   */
  readonly serverBytes?: number;
}

/** Called with each report; it must not throw (what it throws stops the transfer). */
export type OnProgress = (progress: TransferProgress) => void;
