"""Frequent words of Vietnamese administrative writing, and the slips they commonly suffer.

A two- or three-syllable group in the text that is not one of these words but differs from one only
by its accents ("tổng họp" / "tổng hợp", "đối mới" / "đổi mới"), or by a final consonant lost or
added on its last syllable ("Truyền thôn" / "Truyền thông", "bứt phát" / "bứt phá"), is flagged.
"""


def _split(text: str) -> tuple[str, ...]:
    return tuple(" ".join(item.split()) for item in text.split(",") if item.strip())


TERMS = _split(
    """
    an ninh, an sinh, an toàn, ban hành, báo cáo, bảo đảm, đảm bảo, bình xét, biểu dương, bồi dưỡng,
    bứt phá, cá nhân, cải cách, cán bộ, cấp ủy, chỉ đạo, chỉ thị, chỉ tiêu, chi tiêu, chính quyền,
    chính sách, chính trị, chỉnh trang, chủ trì, chủ tịch, chức năng, chương trình, chuyên đề,
    chuyên môn, chuyển đổi, chuyển đổi số, cơ quan, cơ sở, cơ chế, công an, công chức, công dân,
    công khai, công nghệ, công nghiệp, công sở, công tác, công trình, cộng đồng, cổng thông tin,
    cụ thể, cuộc vận động, danh hiệu, danh sách, dân chủ, dân cư, dân tộc, doanh nghiệp, dự án,
    điển hình, địa bàn, địa phương, điều kiện, đoàn kết, đoàn thể, đoàn viên, đôn đốc, đồng bộ,
    đột phá, đời sống, đổi mới, đối tượng, đơn vị, đề án, đề nghị, đề xuất, đăng ký, đảng bộ, đảng ủy,
    đại biểu, đại hội, đầu tư, đẩy mạnh, gắn kết, giải ngân, giải pháp, giai đoạn, giáo dục,
    gương mẫu, hành chính, hành động, hạ tầng, hiện đại, hiện đại hóa, hiệu lực, hiệu quả,
    hoàn thành, hoạt động, học tập, hội đồng, hội nghị, hội nhập, hội viên, hợp nhất, hợp tác,
    hướng dẫn, kế hoạch, kết hợp, kết quả, khen thưởng, khoa học, kiểm tra, kinh tế, kỷ cương,
    kỷ luật, lãnh đạo, lan tỏa, lao động, lĩnh vực, mặt trận, mô hình, mục đích, mục tiêu,
    năng suất, nâng cao, nghị định, nghị quyết, nghiêm túc, nghề nghiệp, nguyên tắc, nhà nước,
    nhân dân, nhân rộng, nhân tố, nhiệm kỳ, nhiệm vụ, nội dung, nội vụ, nông dân, nông nghiệp,
    nông thôn, nông thôn mới, pháp luật, phát động, phát hiện, phát huy, phát triển, phân cấp,
    phân công, phân quyền, phòng ban, phong trào, phối hợp, phù hợp, phục vụ, quản lý, quốc gia,
    quốc phòng, quy chế, quy định, quyết định, rà soát, sáng kiến, sáng tạo, sản xuất, sơ kết,
    sức mạnh, tăng cường, tăng trưởng, tập thể, tham gia, tham mưu, thẩm quyền, thành phố,
    thành tích, thành viên, thi đua, thi hành, thiết thực, thống nhất, thông báo, thông qua,
    thông tin, thủ tục, thực hiện, thực tiễn, thường trực, thường vụ, thường xuyên, tiên tiến,
    tiêu biểu, tiêu chí, tiết kiệm, tổ chức, tổng hợp, tổng kết, trách nhiệm, trật tự, triển khai,
    trọng điểm, trọng tâm, trung tâm, trung ương, truyền thông, truyền thống, tuyên truyền,
    tư nhân, ủy ban, ứng dụng, văn bản, văn hóa, văn minh, văn phòng, vận động, viên chức, xã hội,
    xây dựng, xem xét, xuất sắc, yêu cầu, yêu nước, thích hợp, tích hợp, tập hợp, trường hợp,
    liên hợp, hỗn hợp, hợp đồng, hợp lý, hợp pháp, lãng phí, kết cấu, vốn đầu tư, văn nghệ,
    thể dục, thể thao, điện tử, đại chúng, kỹ thuật, chính phủ, thủ tướng, bộ chính trị, ban bí thư,
    vấn đề, đột xuất, định kỳ, kịp thời, chặt chẽ, hiệu quả, cải thiện, đánh giá, xếp loại,
    bằng khen, giấy khen, chiến sĩ thi đua, lao động tiên tiến, cơ quan thường trực, sáng tạo,
    mặt trận tổ quốc, hội nông dân, hội phụ nữ, cựu chiến binh, thanh niên, phụ nữ, thường trực,
    kinh phí, ngân sách, quyết toán, dự toán, tiến độ, chất lượng, giám sát, kiểm soát
    """
)

# Valid groups that share their letters with a term above and must not be flagged.
ALLOWED_GROUPS = frozenset(
    _split(
        """
        có quan, có thể, cơ thể, đối số, đối với, cả nước, cá thể, chi cục, các cơ quan,
        công tắc, có công, tiến tới, để ra, cuộc họp, kỳ họp, phiên họp, họp bàn, buổi họp,
        hội họp, dự họp, họp mặt, họp dân, tài chính, đi học, chính trực, đổi số
        """
    )
)

# Slips the near-match cannot see: (slip, correction, words that may follow the slip legitimately).
EXPLICIT_SLIPS = (
    # "cá" (fish) typed for "các" before a noun: "cá phòng", "cá đơn vị"; but "cá nhân", "cá thể".
    ("cá", "các", frozenset(_split("nhân, thể, biệt, tính, cược, mè, tra"))),
)

# Words of foreign origin written as one word, valid though not single Vietnamese syllables.
LOANWORDS = frozenset(
    _split(
        """
        mililít, kilôgam, kilômét, xentimét, milimét, héc-ta, ôtô, rađiô, xêmina, ampe, vôn, oát, kilôoát,
        mêgaoát, pôlôni, ôxy, cacbon, nitơ, phốtpho, xăng, điêzen, bêtông, xi-măng, ghi-đông, pê-đan,
        video, audio, email, internet, website, online, zalo, facebook
        """
    )
)
