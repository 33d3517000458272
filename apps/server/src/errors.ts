/**
 * The one error catalogue. Services throw AppError; the HTTP error handler serialises
 * `{ code, message, messageEn, details }`. Messages are Vietnamese first, English second.
 */
const CATALOGUE = {
  UNAUTHENTICATED: [401, 'Cần đăng nhập.', 'Authentication required.'],
  INVALID_CREDENTIALS: [401, 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'],
  FORBIDDEN: [403, 'Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'],
  OUT_OF_SCOPE: [
    403,
    'Đơn vị nằm ngoài phạm vi được phân quyền của bạn.',
    'The unit is outside the scope you are assigned to.',
  ],
  NOT_FOUND: [404, 'Không tìm thấy.', 'Not found.'],
  VALIDATION_FAILED: [400, 'Dữ liệu gửi lên không hợp lệ.', 'The request is invalid.'],
  ROWS_REJECTED: [
    422,
    'Có dòng dữ liệu không hợp lệ; không dòng nào được lưu.',
    'Some rows are invalid; nothing was stored.',
  ],
  CONFLICT: [409, 'Xung đột với dữ liệu đã có.', 'Conflicts with existing data.'],
  IDEMPOTENCY_KEY_REUSED: [
    409,
    'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
    'The Idempotency-Key was already used for a different request.',
  ],
  UNSUPPORTED_MEDIA_TYPE: [
    415,
    'Định dạng dữ liệu không được hỗ trợ (dùng application/json hoặc text/csv).',
    'Unsupported content type (use application/json or text/csv).',
  ],
  INVALID_TRANSITION: [
    409,
    'Không thể chuyển sự cố sang bước này từ trạng thái hiện tại.',
    'The incident cannot take this step from its current status.',
  ],
  EVENTS_ALREADY_IN_INCIDENT: [
    409,
    'Sự kiện đã thuộc một sự cố khác.',
    'The events already belong to another incident.',
  ],
  ATTACHMENT_REJECTED: [
    415,
    'Tệp đính kèm phải là ảnh (JPEG, PNG, WebP) hoặc PDF.',
    'Attachments must be images (JPEG, PNG, WebP) or PDF.',
  ],
  CAP_INVALID: [400, 'Bản tin CAP không hợp lệ.', 'The CAP message is invalid.'],
  PAYLOAD_TOO_LARGE: [413, 'Dữ liệu gửi lên quá lớn.', 'The request body is too large.'],
  CASE_DESCRIPTION_REQUIRED: [400, 'Vui lòng nhập nội dung phản ánh.', 'The report needs a description.'],
  CASE_LOCATION_REQUIRED: [
    400,
    'Vui lòng cho biết vị trí: địa chỉ, đơn vị hành chính hoặc điểm trên bản đồ.',
    'Give a location: an address, an administrative unit or a point on the map.',
  ],
  CASE_OUTSIDE_PROVINCE: [
    400,
    'Vị trí phản ánh nằm ngoài địa bàn tỉnh.',
    'The location is outside the province.',
  ],
  CASE_UNKNOWN_CATEGORY: [400, 'Lĩnh vực phản ánh không tồn tại.', 'Unknown report category.'],
  CASE_ATTACHMENT_TOO_LARGE: [
    413,
    'Ảnh đính kèm quá lớn (tối đa 5 MB mỗi ảnh, 5 ảnh).',
    'The attached photo is too large (at most 5 MB each, 5 photos).',
  ],
  CASE_ATTACHMENT_NOT_IMAGE: [
    415,
    'Tệp đính kèm không phải là ảnh (chỉ nhận JPEG, PNG, WebP, GIF).',
    'The attachment is not an image (JPEG, PNG, WebP or GIF only).',
  ],
  CASE_INVALID_TRANSITION: [
    409,
    'Không thể thực hiện thao tác này ở trạng thái hiện tại của phản ánh.',
    'This action is not possible in the report’s current status.',
  ],
  CASE_TOKEN_INVALID: [
    404,
    'Đường dẫn theo dõi phản ánh không đúng hoặc đã hết hiệu lực.',
    'The report’s follow-up link is wrong or no longer valid.',
  ],
  SUBMISSION_STATE: [
    409,
    'Lần nộp số liệu không ở trạng thái cho phép thao tác này.',
    'The submission is not in a state that allows this.',
  ],
  NOT_APPROVER: [
    403,
    'Chỉ người phê duyệt của bộ số liệu (thủ trưởng cơ quan) mới được duyệt.',
    "Only the data set's approver (the head of the organisation) may decide.",
  ],
  INTERNAL: [
    500,
    'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị.',
    'Internal error. Retry or contact the administrator.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof CATALOGUE;

export class AppError extends Error {
  readonly status: number;
  readonly messageEn: string;

  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: { vi: string; en: string },
  ) {
    const [status, vi, en] = CATALOGUE[code];
    super(message?.vi ?? vi);
    this.status = status;
    this.messageEn = message?.en ?? en;
  }

  toBody(): { code: ErrorCode; message: string; messageEn: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      messageEn: this.messageEn,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** Builds an AppError for a missing entity with its kind and key in the message. */
export function notFound(kindVi: string, kindEn: string, key: string): AppError {
  return new AppError(
    'NOT_FOUND',
    { key },
    { vi: `Không tìm thấy ${kindVi} "${key}".`, en: `${kindEn} "${key}" not found.` },
  );
}
