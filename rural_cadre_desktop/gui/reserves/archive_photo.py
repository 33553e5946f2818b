"""The archive's photo: read an image, crop it to 4:5 (centred, or where the clerk moved the crop
to) and scale it to the 干部任免审批表's size, as JPEG bytes; and the page that shows it."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from rural_cadre_desktop.gui import file_dialogs

PHOTO_SIZE = (396, 495)          # 4:5, about 33 × 41 mm at 300 dpi


def crop_rect(width: int, height: int, offset: float = 0.5) -> QRect:
    """The largest 4:5 rectangle in the image; `offset` (0–1) slides it along the long side."""
    if width * 5 > height * 4:            # too wide: cut left and right
        w = height * 4 // 5
        return QRect(round((width - w) * offset), 0, w, height)
    h = width * 5 // 4
    return QRect(0, round((height - h) * offset), width, h)


def to_jpeg(image: QImage, offset: float = 0.5) -> bytes:
    cropped = image.copy(crop_rect(image.width(), image.height(), offset))
    scaled = cropped.scaled(*PHOTO_SIZE, Qt.AspectRatioMode.IgnoreAspectRatio,
                            Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    scaled.convertToFormat(QImage.Format.Format_RGB32).save(buf, "JPEG", 90)
    buf.close()
    return bytes(data)


class PhotoPage(QWidget):
    """选择照片… / 删除照片, the photo as it will print, and a slider that moves the crop."""
    changed = Signal()

    def __init__(self, photo: bytes | None, parent=None):
        super().__init__(parent)
        self.photo = photo               # JPEG bytes as they will be stored (None: no photo)
        self.source: QImage | None = None
        self.touched = False
        self.picture = QLabel(self)
        self.picture.setObjectName("photo")
        self.picture.setFixedSize(PHOTO_SIZE[0] // 2 + 2, PHOTO_SIZE[1] // 2 + 2)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid #999;")
        self.choose = QPushButton("选择照片…", self)
        self.choose.setObjectName("choose_photo")
        self.choose.clicked.connect(self.choose_file)
        self.remove = QPushButton("删除照片", self)
        self.remove.setObjectName("delete_photo")
        self.remove.clicked.connect(self.delete)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("crop_offset")
        self.slider.setRange(0, 100)
        self.slider.setValue(50)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._recrop)
        self.note = QLabel("照片按 4:5 裁剪（居中；可用滑块移动裁剪位置），存为 JPEG。", self)
        self.note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("photo_error")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.choose)
        side.addWidget(self.remove)
        side.addWidget(QLabel("裁剪位置", self))
        side.addWidget(self.slider)
        side.addWidget(self.note)
        side.addWidget(self.error)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side, 1)
        self._show()

    def choose_file(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "选择照片", "", "图片 (*.jpg *.jpeg *.png)")
        if not path:
            return
        image = QImage(path)
        if image.isNull() or image.width() < 40 or image.height() < 50:
            self.error.setText("无法读取这张图片（或图片太小），请选择 JPEG 或 PNG 照片")
            return
        self.error.setText("")
        self.source = image
        self.slider.setEnabled(True)
        self.slider.blockSignals(True)
        self.slider.setValue(50)
        self.slider.blockSignals(False)
        self._recrop()

    def _recrop(self, *args) -> None:
        if self.source is None:
            return
        self.photo = to_jpeg(self.source, self.slider.value() / 100)
        self.touched = True
        self._show()
        self.changed.emit()

    def delete(self) -> None:
        if self.photo is None and self.source is None:
            return
        self.photo, self.source = None, None
        self.slider.setEnabled(False)
        self.touched = True
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.remove.setEnabled(self.photo is not None)
        if not self.photo:
            self.picture.setPixmap(QPixmap())
            self.picture.setText("无照片")
            return
        pix = QPixmap()
        pix.loadFromData(self.photo)
        self.picture.setPixmap(pix.scaled(self.picture.contentsRect().size(),
                                          Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
