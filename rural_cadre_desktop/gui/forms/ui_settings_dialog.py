# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(520, 420)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(SettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.countyLabel = QLabel(SettingsDialog)
        self.countyLabel.setObjectName(u"countyLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.countyLabel)

        self.countyEdit = QLineEdit(SettingsDialog)
        self.countyEdit.setObjectName(u"countyEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.countyEdit)

        self.townshipLabel = QLabel(SettingsDialog)
        self.townshipLabel.setObjectName(u"townshipLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.townshipLabel)

        self.townshipEdit = QLineEdit(SettingsDialog)
        self.townshipEdit.setObjectName(u"townshipEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.townshipEdit)

        self.townshipCodeLabel = QLabel(SettingsDialog)
        self.townshipCodeLabel.setObjectName(u"townshipCodeLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.townshipCodeLabel)

        self.townshipCodeEdit = QLineEdit(SettingsDialog)
        self.townshipCodeEdit.setObjectName(u"townshipCodeEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.townshipCodeEdit)

        self.townshipCodeError = QLabel(SettingsDialog)
        self.townshipCodeError.setObjectName(u"townshipCodeError")
        self.townshipCodeError.setStyleSheet(u"color: #c0392b;")
        self.townshipCodeError.setWordWrap(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.townshipCodeError)

        self.filingUnitLabel = QLabel(SettingsDialog)
        self.filingUnitLabel.setObjectName(u"filingUnitLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.filingUnitLabel)

        self.filingUnitEdit = QLineEdit(SettingsDialog)
        self.filingUnitEdit.setObjectName(u"filingUnitEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.filingUnitEdit)

        self.contactPersonLabel = QLabel(SettingsDialog)
        self.contactPersonLabel.setObjectName(u"contactPersonLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.contactPersonLabel)

        self.contactPersonEdit = QLineEdit(SettingsDialog)
        self.contactPersonEdit.setObjectName(u"contactPersonEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.contactPersonEdit)

        self.contactPhoneLabel = QLabel(SettingsDialog)
        self.contactPhoneLabel.setObjectName(u"contactPhoneLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.contactPhoneLabel)

        self.contactPhoneEdit = QLineEdit(SettingsDialog)
        self.contactPhoneEdit.setObjectName(u"contactPhoneEdit")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.contactPhoneEdit)

        self.contactPhoneError = QLabel(SettingsDialog)
        self.contactPhoneError.setObjectName(u"contactPhoneError")
        self.contactPhoneError.setStyleSheet(u"color: #c0392b;")
        self.contactPhoneError.setWordWrap(True)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.contactPhoneError)

        self.sealTextLabel = QLabel(SettingsDialog)
        self.sealTextLabel.setObjectName(u"sealTextLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.sealTextLabel)

        self.sealTextEdit = QLineEdit(SettingsDialog)
        self.sealTextEdit.setObjectName(u"sealTextEdit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.sealTextEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #c0392b;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.countyLabel.setBuddy(self.countyEdit)
        self.townshipLabel.setBuddy(self.townshipEdit)
        self.townshipCodeLabel.setBuddy(self.townshipCodeEdit)
        self.filingUnitLabel.setBuddy(self.filingUnitEdit)
        self.contactPersonLabel.setBuddy(self.contactPersonEdit)
        self.contactPhoneLabel.setBuddy(self.contactPhoneEdit)
        self.sealTextLabel.setBuddy(self.sealTextEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.countyEdit, self.townshipEdit)
        QWidget.setTabOrder(self.townshipEdit, self.townshipCodeEdit)
        QWidget.setTabOrder(self.townshipCodeEdit, self.filingUnitEdit)
        QWidget.setTabOrder(self.filingUnitEdit, self.contactPersonEdit)
        QWidget.setTabOrder(self.contactPersonEdit, self.contactPhoneEdit)
        QWidget.setTabOrder(self.contactPhoneEdit, self.sealTextEdit)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8bbe\u7f6e", None))
        self.introLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u8bf7\u586b\u5199\u672c\u4e61\u9547\u7684\u4fe1\u606f\u3002\u53bf\u548c\u4e61\u9547\u4e00\u7ecf\u8bbe\u7f6e\u4e0d\u80fd\u66f4\u6539\uff08\u53e6\u4e00\u4e2a\u4e61\u9547\u8bf7\u7528\u65b0\u7684\u6570\u636e\u5e93\u6587\u4ef6\uff09\u3002", None))
        self.countyLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u53bf\uff08\u5e02\u3001\u533a\uff09(&C)\uff1a", None))
        self.countyEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u5982\uff1a\u6d1b\u5357\u53bf", None))
        self.townshipLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u4e61\u9547\uff08\u8857\u9053\uff09(&T)\uff1a", None))
        self.townshipEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u5982\uff1a\u77f3\u95e8\u9547", None))
        self.townshipCodeLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u4e61\u9547\u533a\u5212\u4ee3\u7801(&D)\uff1a", None))
        self.townshipCodeEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"12\u4f4d\u7edf\u8ba1\u7528\u533a\u5212\u4ee3\u7801\uff0c\u53ef\u4e0d\u586b", None))
        self.filingUnitLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u586b\u62a5\u5355\u4f4d(&U)\uff1a", None))
        self.filingUnitEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u5982\uff1a\u4e2d\u5171\u77f3\u95e8\u9547\u59d4\u5458\u4f1a\u7ec4\u7ec7\u529e\u516c\u5ba4", None))
        self.contactPersonLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u8054\u7cfb\u4eba(&P)\uff1a", None))
        self.contactPersonEdit.setPlaceholderText("")
        self.contactPhoneLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u8054\u7cfb\u7535\u8bdd(&H)\uff1a", None))
        self.contactPhoneEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u624b\u673a11\u4f4d\uff0c\u5ea7\u673a\u5e26\u533a\u53f7\uff0c\u5982 0914-1234567", None))
        self.sealTextLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u843d\u6b3e\uff08\u5370\u7ae0\u6587\u5b57\uff09(&S)\uff1a", None))
        self.sealTextEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u9080\u8bf7\u51fd\u843d\u6b3e\uff0c\u5982\uff1a\u4e2d\u5171\u77f3\u95e8\u9547\u59d4\u5458\u4f1a", None))
    # retranslateUi

