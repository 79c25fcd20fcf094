"""The contents of inspection an office starts with, marked "mẫu" (sample): the four areas issue 18
names, with checklist items drawn from what the portal records. The office edits them freely; no
item is a legal requirement as worded here (cần xác minh against the province's guidance)."""

DEFAULT_CONTENTS = [
    (
        "Hồ sơ phổ cập giáo dục, xóa mù chữ",
        [
            "Sổ theo dõi phổ cập giáo dục, xóa mù chữ được cập nhật đến thời điểm kiểm tra",
            "Danh sách người mù chữ theo độ tuổi khớp với phiếu điều tra hộ gia đình",
            "Hồ sơ các lớp xóa mù chữ (danh sách học viên, sổ điểm danh, kết quả) đầy đủ",
            "Biểu thống kê mức độ đạt chuẩn xóa mù chữ có số liệu thống nhất với sổ",
        ],
    ),
    (
        "Hoạt động và tài chính của TTHTCĐ",
        [
            "Có kế hoạch hoạt động năm học được phê duyệt",
            "Sổ ghi hoạt động (chuyên đề, lớp học, câu lạc bộ) được ghi thường xuyên",
            "Thu, chi kinh phí có chứng từ, sổ sách và công khai theo quy định",
            "Cơ sở vật chất, tủ sách, thiết bị được sử dụng và bảo quản",
        ],
    ),
    (
        "Công nhận danh hiệu học tập",
        [
            "Hồ sơ đăng ký danh hiệu gia đình, dòng họ, cộng đồng học tập đầy đủ",
            "Việc đánh giá, công nhận theo đúng tiêu chí và thời hạn",
            "Quyết định công nhận được lưu và công bố",
        ],
    ),
    (
        "Chất lượng báo cáo",
        [
            "Báo cáo định kỳ gửi đúng hạn",
            "Số liệu báo cáo khớp với sổ sách của đơn vị",
            "Báo cáo có chữ ký, đóng dấu (bản giấy) hoặc được xác nhận trên cổng",
        ],
    ),
]
